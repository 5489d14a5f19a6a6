import fc from "fast-check";
import { QualityWindow } from "../src/services/quality/quality-window";

const BUCKET = 15 * 60_000;

it("sums the buckets overlapping any window exactly as adding them one by one does, whatever order they were set in", () => {
  const bucket = fc.record({ slot: fc.integer({ min: 0, max: 40 }), calls: fc.nat(50), answered: fc.nat(50), seconds: fc.nat(5000) });
  fc.assert(
    fc.property(fc.array(bucket, { maxLength: 30 }), fc.integer({ min: -5 * BUCKET, max: 45 * BUCKET }), fc.integer({ min: 1, max: 20 * BUCKET }), (buckets, from, span) => {
      const window = new QualityWindow(BUCKET);
      const stored = new Map<number, { calls: number; answered: number; seconds: number }>();
      for (const b of buckets) {
        window.set("v", "D", b.slot * BUCKET, b);
        stored.set(b.slot * BUCKET, { calls: b.calls, answered: b.answered, seconds: b.seconds });
      }
      const to = from + span;
      const expected = { calls: 0, answered: 0, seconds: 0 };
      let any = false;
      for (const [start, s] of stored) {
        if (start + BUCKET > from && start < to) {
          any = true;
          expected.calls += s.calls;
          expected.answered += s.answered;
          expected.seconds += s.seconds;
        }
      }
      expect(window.lookup("v", "D", new Date(from), new Date(to))).toEqual(any ? expected : undefined);
    }),
  );
});

it("prunes buckets before a cutoff and forgets vendors left with none", () => {
  const window = new QualityWindow(BUCKET);
  window.set("v", "D", 0, { calls: 1, answered: 1, seconds: 60 });
  window.set("v", "D", 2 * BUCKET, { calls: 2, answered: 0, seconds: 0 });
  window.prune(BUCKET);
  expect(window.lookup("v", "D", new Date(0), new Date(10 * BUCKET))).toEqual({ calls: 2, answered: 0, seconds: 0 });
  window.prune(10 * BUCKET);
  expect(window.lookup("v", "D", new Date(0), new Date(10 * BUCKET))).toBeUndefined();
});
