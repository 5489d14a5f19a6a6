import fc from "fast-check";
import { Decimal } from "@intersettle/shared";
import {
  beyondTolerance, compareWithClaimedLines, matchCalls, mismatchedCall, mismatchedCallsCsv, DestinationTally, NO_TOLERANCE,
  type ClaimedLine, type MatchTolerances, type OurCall,
} from "../../src/domain";

const d = (v: string | number) => new Decimal(v);
const tolerances: MatchTolerances = { startToleranceSeconds: 2, durationToleranceSeconds: 1, amountTolerance: d("0.0001") };
const agreement = (percent: string, amount: string) => ({ tolerancePercent: d(percent), toleranceAmount: d(amount) });

describe("beyondTolerance: accepted when |variance| ≤ amount OR ≤ percent of ours", () => {
  it("holds at both edges exactly", () => {
    const a = agreement("2", "10"); // on 1000 ours: 2 % = 20
    expect(beyondTolerance(d("10"), d(1000), agreement("0", "10"))).toBe(false);
    expect(beyondTolerance(d("10.000001"), d(1000), agreement("0", "10"))).toBe(true);
    expect(beyondTolerance(d("-20"), d(1000), a)).toBe(false);
    expect(beyondTolerance(d("20.0001"), d(1000), a)).toBe(true);
    expect(beyondTolerance(d("-20.0001"), d(1000), a)).toBe(true);
    // the absolute limit lets through what the percent would not, and the other way round
    expect(beyondTolerance(d("15"), d(100), a)).toBe(true);
    expect(beyondTolerance(d("9"), d(100), a)).toBe(false);
    expect(beyondTolerance(d("19"), d(1000), agreement("2", "0"))).toBe(false);
  });

  it("without an agreement any variance is beyond, none is not", () => {
    expect(beyondTolerance(d("0.0000001"), d(5), NO_TOLERANCE)).toBe(true);
    expect(beyondTolerance(d(0), d(5), NO_TOLERANCE)).toBe(false);
  });

  it("is the disjunction of the two limits over generated amounts", () => {
    const amount = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => d(n).div(100));
    const limit = fc.integer({ min: 0, max: 100_000 }).map((n) => d(n).div(100));
    fc.assert(fc.property(amount, amount, limit, limit, (variance, ours, pct, abs) => {
      const within = variance.abs().lte(abs) || variance.abs().times(100).lte(ours.abs().times(pct));
      expect(beyondTolerance(variance, ours, { tolerancePercent: pct, toleranceAmount: abs })).toBe(!within);
    }));
  });
});

const call = (id: string, destination: string | null, duration: number, amount: string): OurCall => ({
  callId: id, start: new Date("2026-11-02T10:00:00Z"), aNumber: "1", bNumber: id, duration, destination, amount: d(amount), currency: "EUR",
});
const line = (n: number, destination: string, calls: number, minutes: string, amount: string): ClaimedLine => ({ line: n, destination, calls, minutes: d(minutes), rate: null, amount: d(amount), currency: "EUR" });

describe("destination summaries of an invoice claim", () => {
  const ours = [call("1", "Germany", 60, "0.10"), call("2", "Germany", 120, "0.20"), call("3", "UK Mobile", 30, "0.05"), call("4", "France", 60, "0.02")];

  it("compares calls, seconds and amounts per destination, spelled case-blind", () => {
    const summaries = compareWithClaimedLines(ours, [line(2, " germany ", 2, "3", "0.3001"), line(3, "UK MOBILE", 1, "0.5", "0.06"), line(4, "Spain", 5, "1", "1.00")], tolerances);
    expect(summaries.map((s) => [s.destination, s.status, s.ours.calls, s.theirs.calls, s.theirs.seconds, s.difference.toFixed()])).toEqual([
      ["France", "MISSING_THEIRS", 1, 0, 0, "-0.02"],
      ["Germany", "MATCHED", 2, 2, 180, "0.0001"],
      ["Spain", "MISSING_OURS", 0, 5, 60, "1"],
      ["UK Mobile", "MISMATCH", 1, 1, 30, "0.01"],
    ]);
  });

  it("per-call tolerances add up over the destination's calls, and no further", () => {
    expect(compareWithClaimedLines(ours.slice(0, 2), [line(1, "Germany", 2, "3.0333", "0.3002")], tolerances)[0].status).toBe("MATCHED");
    expect(compareWithClaimedLines(ours.slice(0, 2), [line(1, "Germany", 2, "3", "0.30021")], tolerances)[0].status).toBe("MISMATCH");
    expect(compareWithClaimedLines(ours.slice(0, 2), [line(1, "Germany", 3, "3", "0.30")], tolerances)[0].status).toBe("MISMATCH");
  });

  it("a CDR claim's calls count under our call's destination, theirs alone under UNKNOWN", () => {
    const tally = new DestinationTally();
    for (const m of matchCalls(ours.slice(0, 3), [{ line: 1, callId: "1", start: ours[0].start, aNumber: "1", bNumber: "1", duration: 60, amount: d("0.12") }, { line: 2, callId: null, start: ours[0].start, aNumber: "x", bNumber: "y", duration: 5, amount: null }], tolerances)) tally.addMatch(m);
    expect(tally.summaries(tolerances).map((s) => [s.destination, s.status, s.ours.calls, s.theirs.calls, s.theirs.amount.toFixed()])).toEqual([
      ["Germany", "MISMATCH", 2, 1, "0.12"],
      ["UK Mobile", "MISSING_THEIRS", 1, 0, "0"],
      ["UNKNOWN", "MISSING_OURS", 0, 1, "0"],
    ]);
  });
});

describe("mismatched-calls CSV", () => {
  it("writes both sides, quoting only what must be quoted", () => {
    const ours = call("C,1", "Germany", 60, "0.10");
    const [m] = [...matchCalls([ours], [{ line: 9, callId: "C,1", start: ours.start, aNumber: "1", bNumber: "C,1", duration: 90, amount: d("0.15") }], tolerances)];
    expect(mismatchedCallsCsv([mismatchedCall(1, m)])).toBe(
      "status,destination,our_call_id,our_start,our_a_number,our_b_number,our_duration,our_amount,their_line,their_call_id,their_start,their_a_number,their_b_number,their_duration,their_amount,difference\r\n" +
        'DURATION_MISMATCH,Germany,"C,1",2026-11-02T10:00:00.000Z,1,"C,1",60,0.1,9,"C,1",2026-11-02T10:00:00.000Z,1,"C,1",90,0.15,0.05\r\n',
    );
  });
});
