import fc from "fast-check";
import { Decimal } from "@intersettle/shared";
import { DisputeResolution, disputedAmount, disputeOutcome, settledAmount, settlementNote } from "../../src/domain";

const d = (v: string) => new Decimal(v);
const figures = { ourAmount: d("100.00"), theirAmount: d("80.00") };
const cents = fc.integer({ min: 0, max: 10_000_000 }).map((n) => new Decimal(n).div(100));

describe("dispute settlement", () => {
  it("lets our figure stand when ACCEPTED, theirs when REJECTED, the agreed one when PARTIAL", () => {
    expect(settledAmount(figures, DisputeResolution.ACCEPTED, null)).toEqual({ amount: d("100.00") });
    expect(settledAmount(figures, DisputeResolution.REJECTED, null)).toEqual({ amount: d("80.00") });
    expect(settledAmount(figures, DisputeResolution.PARTIAL, d("90"))).toEqual({ amount: d("90") });
  });

  it("takes a PARTIAL amount between the two figures, both edges included", () => {
    expect(settledAmount(figures, DisputeResolution.PARTIAL, d("80"))).toEqual({ amount: d("80") });
    expect(settledAmount(figures, DisputeResolution.PARTIAL, d("100"))).toEqual({ amount: d("100") });
    expect(settledAmount(figures, DisputeResolution.PARTIAL, d("79.99"))).toEqual({ problem: "must lie between 80 and 100" });
    expect(settledAmount(figures, DisputeResolution.PARTIAL, d("100.01"))).toEqual({ problem: "must lie between 80 and 100" });
    expect(settledAmount(figures, DisputeResolution.PARTIAL, null)).toEqual({ problem: "a PARTIAL resolution needs the agreed amount" });
  });

  it("books a credit note when the settled figure is below ours, a debit note above, none when ours stood", () => {
    expect(settlementNote(d("100"), d("80"), 2)).toEqual({ kind: "CREDIT_NOTE", net: d("20") });
    expect(settlementNote(d("80"), d("100"), 2)).toEqual({ kind: "DEBIT_NOTE", net: d("20") });
    expect(settlementNote(d("100"), d("100"), 2)).toBeNull();
    // Below the currency's smallest unit there is nothing to book.
    expect(settlementNote(d("100"), d("100.004"), 2)).toBeNull();
    expect(settlementNote(d("100"), d("99.995"), 2)).toEqual({ kind: "CREDIT_NOTE", net: d("0.01") });
  });

  it("splits every resolved dispute's amount exactly into recovered and written off", () => {
    fc.assert(
      fc.property(cents, cents, fc.constantFrom(...Object.values(DisputeResolution)), fc.double({ min: 0, max: 1, noNaN: true }), (ours, theirs, resolution, share) => {
        const f = { ourAmount: ours, theirAmount: theirs };
        const agreed = ours.plus(theirs.minus(ours).times(share).toDecimalPlaces(2)).toDecimalPlaces(2);
        const settled = settledAmount(f, resolution, resolution === DisputeResolution.PARTIAL ? Decimal.min(Decimal.max(agreed, Decimal.min(ours, theirs)), Decimal.max(ours, theirs)) : null);
        if (!("amount" in settled)) throw new Error(settled.problem);
        const outcome = disputeOutcome(f, settled.amount);
        expect(outcome.recovered.plus(outcome.writtenOff).equals(disputedAmount(f))).toBe(true);
        if (resolution === DisputeResolution.ACCEPTED) expect(outcome.writtenOff.isZero()).toBe(true);
        if (resolution === DisputeResolution.REJECTED) expect(outcome.recovered.isZero()).toBe(true);
      }),
    );
  });
});
