import fc from "fast-check";
import { Decimal } from "@intersettle/shared";
import { DestinationTally, matchCalls, type CallMatch, type MatchTolerances, type OurCall, type TheirCall } from "../../src/domain";

const d = (v: string | number) => new Decimal(v);
const T0 = Date.UTC(2026, 10, 1);
const tolerances: MatchTolerances = { startToleranceSeconds: 2, durationToleranceSeconds: 1, amountTolerance: d("0.0001") };

const our = (i: number, over: Partial<OurCall> = {}): OurCall => ({
  callId: `C${i}`, start: new Date(T0 + i * 60_000), aNumber: `4930${i}`, bNumber: `4420${i}`, duration: 60 + (i % 7), destination: i % 2 ? "UK Mobile" : "Germany", amount: d("0.0125").times(i % 5 + 1), currency: "EUR", ...over,
});
const theirsOf = (call: OurCall, line: number, withId: boolean, over: Partial<TheirCall> = {}): TheirCall => ({
  line, callId: withId ? call.callId : null, start: call.start, aNumber: call.aNumber, bNumber: call.bNumber, duration: call.duration, amount: call.amount, ...over,
});
const statusOf = (results: CallMatch[]) => new Map(results.map((r) => [r.ours?.callId ?? `line ${r.theirs!.line}`, r.status]));

describe("matchCalls finds exactly the planted differences", () => {
  for (const withId of [true, false]) {
    it(withId ? "by call id" : "by A and B number and start", () => {
      const ours = Array.from({ length: 500 }, (_, i) => our(i));
      const theirs: TheirCall[] = [];
      const planted = new Map<string, string>();
      for (const [i, call] of ours.entries()) {
        // every 10th call differs; the kind cycles through the four differences
        const kind = i % 10 === 3 ? ["DURATION_MISMATCH", "RATE_MISMATCH", "MISSING_THEIRS", "MISSING_OURS"][(i / 10 | 0) % 4] : "MATCHED";
        // within tolerance everywhere else: start and duration off by the tolerance exactly, amount by the tolerance
        const jitter = { start: new Date(call.start.getTime() + (i % 3 - 1) * 2000), duration: call.duration + (i % 3 - 1), amount: call.amount.plus(d("0.0001").times(i % 3 - 1)) };
        if (kind === "MISSING_THEIRS") { planted.set(call.callId, kind); continue; }
        if (kind === "MISSING_OURS") {
          theirs.push(theirsOf(call, i + 1, withId, { ...jitter, callId: withId ? `X${i}` : null, aNumber: `999${i}` }));
          planted.set(`line ${i + 1}`, kind);
          planted.set(call.callId, "MISSING_THEIRS");
          continue;
        }
        const over = kind === "DURATION_MISMATCH" ? { duration: call.duration + 2 } : kind === "RATE_MISMATCH" ? { amount: call.amount.plus("0.00011") } : {};
        theirs.push(theirsOf(call, i + 1, withId, { ...jitter, ...over }));
        if (kind !== "MATCHED") planted.set(call.callId, kind);
      }
      const found = [...statusOf([...matchCalls(ours, theirs.reverse(), tolerances)])].filter(([, s]) => s !== "MATCHED");
      expect(new Map(found)).toEqual(planted);
    });
  }

  it("a difference one past a tolerance is out, at the tolerance in", () => {
    const base = our(1);
    const cases: Array<[Partial<TheirCall>, string]> = [
      [{ duration: base.duration + 1 }, "MATCHED"],
      [{ duration: base.duration - 2 }, "DURATION_MISMATCH"],
      [{ amount: base.amount.minus("0.0001") }, "MATCHED"],
      [{ amount: base.amount.plus("0.0001000001") }, "RATE_MISMATCH"],
      [{ amount: null }, "MATCHED"],
    ];
    for (const [over, status] of cases) expect([...matchCalls([base], [theirsOf(base, 1, true, over)], tolerances)].map((r) => r.status)).toEqual([status]);
    const startOff = (ms: number) => [...matchCalls([base], [theirsOf(base, 1, false, { start: new Date(base.start.getTime() + ms) })], tolerances)].map((r) => r.status).sort();
    expect(startOff(2000)).toEqual(["MATCHED"]);
    expect(startOff(-2000)).toEqual(["MATCHED"]);
    expect(startOff(2001)).toEqual(["MISSING_OURS", "MISSING_THEIRS"]);
  });

  it("a duration mismatch wins over the amount it explains; differences are theirs minus ours", () => {
    const base = our(2);
    const [r] = [...matchCalls([base], [theirsOf(base, 7, true, { duration: base.duration + 30, amount: base.amount.plus(1) })], tolerances)];
    expect(r.status).toBe("DURATION_MISMATCH");
    expect(r.difference.toFixed()).toBe("1");
    const missing = [...matchCalls([base], [], tolerances)];
    expect(missing[0].difference.toFixed()).toBe(base.amount.negated().toFixed());
  });

  it("a call id they send that we do not know still pairs by numbers", () => {
    const base = our(3);
    expect([...matchCalls([base], [theirsOf(base, 1, true, { callId: "THEIR-OWN-ID" })], tolerances)].map((r) => r.status)).toEqual(["MATCHED"]);
  });
});

describe("matchCalls properties", () => {
  // Small alphabets so numbers and starts collide often.
  const ourArb = fc.record({ id: fc.integer({ min: 0, max: 30 }), a: fc.constantFrom("1", "2"), b: fc.constantFrom("3", "4"), s: fc.integer({ min: 0, max: 20 }), dur: fc.integer({ min: 0, max: 5 }), cents: fc.integer({ min: 0, max: 3 }) });
  const theirArb = fc.record({ id: fc.option(fc.integer({ min: 0, max: 40 })), a: fc.constantFrom("1", "2"), b: fc.constantFrom("3", "4"), s: fc.integer({ min: 0, max: 20 }), dur: fc.integer({ min: 0, max: 5 }), cents: fc.option(fc.integer({ min: 0, max: 3 })) });
  const input = fc.tuple(fc.uniqueArray(ourArb, { selector: (o) => o.id, maxLength: 25 }), fc.uniqueArray(theirArb, { selector: (t) => t.id ?? {}, maxLength: 25 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 }));

  it("every call of both sides appears in exactly one result; pairs are one to one and obey the tolerances", () => {
    fc.assert(
      fc.property(input, ([o, t, startTol, durTol]) => {
        const ours: OurCall[] = o.map((x) => ({ callId: `C${x.id}`, start: new Date(T0 + x.s * 1000), aNumber: x.a, bNumber: x.b, duration: x.dur, destination: ["Germany", " germany", null][x.id % 3], amount: d(x.cents).div(100), currency: "EUR" }));
        const theirs: TheirCall[] = t.map((x, line) => ({ line, callId: x.id === null ? null : `C${x.id}`, start: new Date(T0 + x.s * 1000), aNumber: x.a, bNumber: x.b, duration: x.dur, amount: x.cents === null ? null : d(x.cents).div(100) }));
        const tol = { startToleranceSeconds: startTol, durationToleranceSeconds: durTol, amountTolerance: d("0.005") };
        const results = [...matchCalls(ours, theirs, tol)];
        const seenOurs = results.filter((r) => r.ours).map((r) => r.ours!);
        const seenTheirs = results.filter((r) => r.theirs).map((r) => r.theirs!);
        expect(new Set(seenOurs).size).toBe(seenOurs.length);
        expect(new Set(seenTheirs).size).toBe(seenTheirs.length);
        expect(new Set(seenOurs)).toEqual(new Set(ours));
        expect(new Set(seenTheirs)).toEqual(new Set(theirs));
        for (const r of results) {
          expect(r.status === "MISSING_OURS").toBe(r.ours === null);
          expect(r.status === "MISSING_THEIRS").toBe(r.theirs === null);
          if (r.ours && r.theirs) {
            const sameId = r.theirs.callId === r.ours.callId;
            if (!sameId) expect(r.ours.aNumber + r.ours.bNumber).toBe(r.theirs.aNumber + r.theirs.bNumber);
            if (!sameId) expect(Math.abs(r.ours.start.getTime() - r.theirs.start.getTime())).toBeLessThanOrEqual(startTol * 1000);
            expect(r.status === "DURATION_MISMATCH").toBe(Math.abs(r.ours.duration - r.theirs.duration) > durTol);
          }
        }
        // A call id both sides know always pairs those two.
        const byId = new Map(ours.map((c) => [c.callId, c]));
        for (const r of results) if (r.theirs?.callId && byId.has(r.theirs.callId)) expect(r.ours).toBe(byId.get(r.theirs.callId));
        // The differences add up to their total minus ours (a record without an amount charges what we rated).
        const total = results.reduce((sum, r) => sum.plus(r.difference), d(0));
        const theirTotal = results.reduce((sum, r) => sum.plus(r.theirs ? r.theirs.amount ?? r.ours?.amount ?? 0 : 0), d(0));
        expect(total.toFixed()).toBe(theirTotal.minus(ours.reduce((s, c) => s.plus(c.amount), d(0))).toFixed());
        // Destination totals add up to both sides' totals and call counts, whatever the results' order.
        const tally = new DestinationTally();
        for (const r of [...results].reverse()) tally.addMatch(r);
        const summaries = tally.summaries(tol);
        expect(summaries.reduce((s, x) => s.plus(x.theirs.amount), d(0)).toFixed()).toBe(theirTotal.toFixed());
        expect(summaries.reduce((s, x) => s.plus(x.ours.amount), d(0)).toFixed()).toBe(ours.reduce((s, c) => s.plus(c.amount), d(0)).toFixed());
        expect(summaries.reduce((n, x) => n + x.ours.calls, 0)).toBe(ours.length);
        expect(summaries.reduce((n, x) => n + x.theirs.calls, 0)).toBe(theirs.length);
      }),
      { numRuns: 300 },
    );
  });

  it("pairs by numbers as many calls as any assignment could (one number pair, starts on a line)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 12 }), fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 12 }), fc.integer({ min: 0, max: 4 }), (os, ts, tol) => {
        const ours = os.map((s, i): OurCall => ({ callId: `C${i}`, start: new Date(T0 + s * 1000), aNumber: "1", bNumber: "2", duration: 1, destination: null, amount: d(0), currency: "EUR" }));
        const theirs = ts.map((s, line): TheirCall => ({ line, callId: null, start: new Date(T0 + s * 1000), aNumber: "1", bNumber: "2", duration: 1, amount: null }));
        const paired = [...matchCalls(ours, theirs, { startToleranceSeconds: tol, durationToleranceSeconds: 0, amountTolerance: d(0) })].filter((r) => r.ours && r.theirs).length;
        expect(paired).toBe(maximumPairs(os, ts, tol));
      }),
    );
  });
});

/** Bipartite maximum matching by augmenting paths: the reference the greedy merge must equal. */
function maximumPairs(os: number[], ts: number[], tol: number): number {
  const owner = new Array<number>(ts.length).fill(-1);
  const tryAssign = (i: number, seen: boolean[]): boolean => {
    for (let j = 0; j < ts.length; j++) {
      if (Math.abs(os[i] - ts[j]) > tol || seen[j]) continue;
      seen[j] = true;
      if (owner[j] < 0 || tryAssign(owner[j], seen)) return (owner[j] = i), true;
    }
    return false;
  };
  return os.reduce((n, _, i) => n + (tryAssign(i, new Array(ts.length).fill(false)) ? 1 : 0), 0);
}
