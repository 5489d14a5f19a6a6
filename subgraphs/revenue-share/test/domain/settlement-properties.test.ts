import fc from "fast-check";
import { Decimal } from "@intersettle/shared";
import { addUsage, noUsage, ruleLines, settlePeriod, ShareModel, shareTermsProblems, TierBasis } from "../../src/domain";
import { CURRENCIES, currencyArb, fixedDeductionsArb, money, termsArb, tiersArb, usageArb } from "./settlement-arbitraries";

const sum = (values: Decimal[]) => values.reduce((a, b) => a.plus(b), new Decimal(0));
const unitOf = (currency: string) => new Decimal(1).dividedBy(10 ** CURRENCIES[currency]);

/** Generated terms are valid terms: the properties below are about settlements, not about refusals. */
const settings = fc.tuple(currencyArb).chain(([currency]) => fc.tuple(termsArb(currency), usageArb(currency)));

describe("settlement properties", () => {
  it("generates only valid terms", () => {
    fc.assert(fc.property(settings, ([terms]) => expect(shareTermsProblems(terms)).toEqual([])), { numRuns: 300 });
  });

  it("never loses or creates a cent: the shares, in minor units, sum exactly to net", () => {
    fc.assert(
      fc.property(settings, ([terms, usage]) => {
        const s = settlePeriod(terms, usage);
        const decimals = CURRENCIES[terms.currency];
        expect(sum(s.shares.map((p) => p.share)).equals(s.net)).toBe(true);
        expect(sum(s.deductions.map((l) => l.amount)).plus(s.net).equals(s.gross)).toBe(true);
        for (const p of s.shares) {
          expect(p.share.decimalPlaces()).toBeLessThanOrEqual(decimals);
          expect(p.share.minus(p.exactShare).abs().lessThan(unitOf(terms.currency))).toBe(true);
          expect(sum(p.lines.map((l) => l.amount)).equals(p.ruleShare)).toBe(true);
          expect(p.ruleShare.plus(p.minimumGuaranteeTopUp).plus(p.capAdjustment).equals(p.share)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("pays every partner at least its guarantee and at most its cap", () => {
    fc.assert(
      fc.property(settings, ([terms, usage]) => {
        const s = settlePeriod(terms, usage);
        terms.waterfall.forEach((step, i) => {
          const { payable, minimumGuaranteeTopUp, capAdjustment } = s.shares[i];
          if (step.minimumGuarantee) expect(payable.greaterThanOrEqualTo(step.minimumGuarantee)).toBe(true);
          if (step.cap) expect(payable.lessThanOrEqualTo(step.cap)).toBe(true);
          if (i > 0) expect(minimumGuaranteeTopUp.lessThan(0) || capAdjustment.greaterThan(0)).toBe(false);
        });
        // The operator alone funds the top-ups and receives the excesses.
        expect(sum(s.shares.map((p) => p.minimumGuaranteeTopUp)).isZero()).toBe(true);
        expect(sum(s.shares.map((p) => p.capAdjustment)).isZero()).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("gives no party less when revenue grows under percent, marginal and fixed rules (exact; rounded, at most a unit less)", () => {
    // Deductions that do not scale with gross, so more gross is more net; whole-tier jumps are left out (see README).
    const grows = currencyArb.chain((currency) =>
      fc.tuple(termsArb(currency, { monotone: true, deductions: fixedDeductionsArb }), usageArb(currency), money(CURRENCIES[currency], 100_000)),
    );
    fc.assert(
      fc.property(grows, ([terms, usage, more]) => {
        const before = settlePeriod(terms, usage);
        const after = settlePeriod(terms, { ...usage, gross: usage.gross.plus(more) });
        const unit = unitOf(terms.currency);
        before.shares.forEach((p, i) => {
          expect(after.shares[i].exactShare.greaterThanOrEqualTo(p.exactShare)).toBe(true);
          // Largest remainder is not monotone (the Alabama paradox): a rounded share may lose one unit to another.
          expect(after.shares[i].share.greaterThanOrEqualTo(p.share.minus(unit))).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("makes marginal tiers continuous at every boundary and whole tiers jump there, by revenue", () => {
    const boundary = currencyArb.chain((currency) => fc.tuple(fc.constant(currency), tiersArb(TierBasis.REVENUE, CURRENCIES[currency]).filter((t) => t.length > 1), fc.nat()));
    fc.assert(
      fc.property(boundary, ([currency, tiers, pick]) => {
        const unit = unitOf(currency);
        const i = 1 + (pick % (tiers.length - 1));
        const b = tiers[i].from;
        const share = (model: ShareModel.TIERED_MARGINAL | ShareModel.TIERED_WHOLE, base: Decimal) => sum(ruleLines({ model, basis: TierBasis.REVENUE, tiers }, base, 1).map((l) => l.amount));
        const pct = (k: number, x: Decimal) => x.times(tiers[k].percent).dividedBy(100);
        const m = (x: Decimal) => share(ShareModel.TIERED_MARGINAL, x);
        // Below to at: the last unit at the lower tier's percent; at to above: the next unit at the boundary tier's.
        expect(m(b).minus(m(b.minus(unit))).equals(pct(i - 1, unit))).toBe(true);
        expect(m(b.plus(unit)).minus(m(b)).equals(pct(i, unit))).toBe(true);
        const w = (x: Decimal) => share(ShareModel.TIERED_WHOLE, x);
        expect(w(b.minus(unit)).equals(pct(i - 1, b.minus(unit)))).toBe(true);
        expect(w(b).equals(pct(i, b))).toBe(true);
        // One unit above may already be the next tier's boundary.
        const above = i + 1 < tiers.length && tiers[i + 1].from.lessThanOrEqualTo(b.plus(unit)) ? i + 1 : i;
        expect(w(b.plus(unit)).equals(pct(above, b.plus(unit)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("makes marginal tiers continuous at every boundary and whole tiers jump there, by volume", () => {
    fc.assert(
      fc.property(tiersArb(TierBasis.VOLUME, 2).filter((t) => t.length > 1), fc.nat(), fc.integer({ min: 1, max: 10_000 }), (tiers, pick, cents) => {
        const i = 1 + (pick % (tiers.length - 1));
        const b = tiers[i].from.toNumber();
        const perTransaction = new Decimal(cents).dividedBy(100);
        const share = (model: ShareModel.TIERED_MARGINAL | ShareModel.TIERED_WHOLE, n: number) => sum(ruleLines({ model, basis: TierBasis.VOLUME, tiers }, perTransaction.times(n), n).map((l) => l.amount));
        const at = (k: number, n: number) => perTransaction.times(n).times(tiers[k].percent).dividedBy(100);
        const m = (n: number) => share(ShareModel.TIERED_MARGINAL, n);
        expect(m(b).minus(m(b - 1)).minus(at(i - 1, 1)).abs().lessThan("1e-18")).toBe(true);
        expect(m(b + 1).minus(m(b)).minus(at(i, 1)).abs().lessThan("1e-18")).toBe(true);
        const w = (n: number) => share(ShareModel.TIERED_WHOLE, n);
        expect(w(b - 1).equals(at(i - 1, b - 1))).toBe(true);
        expect(w(b).equals(at(i, b))).toBe(true);
        const above = i + 1 < tiers.length && tiers[i + 1].from.toNumber() === b + 1 ? i + 1 : i;
        expect(w(b + 1).equals(at(above, b + 1))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("adjusts an earlier period by exactly what its late items change, party by party", () => {
    const late = currencyArb.chain((currency) => fc.tuple(termsArb(currency), usageArb(currency), usageArb(currency), usageArb(currency)));
    fc.assert(
      fc.property(late, ([terms, now, stated, arrived]) => {
        const delta = { ...noUsage(terms.currency), refunds: arrived.refunds, chargebacks: arrived.chargebacks, tax: arrived.tax.negated() };
        const s = settlePeriod(terms, now, [{ firstDate: "2026-01-01", lastDate: "2026-01-31", terms, stated, late: delta }]);
        const before = settlePeriod(terms, stated);
        const after = settlePeriod(terms, addUsage(stated, delta));
        s.shares.forEach((p, i) => {
          expect(p.adjustments[0].amount.equals(after.shares[i].share.minus(before.shares[i].share))).toBe(true);
          expect(p.payable.equals(p.share.plus(p.adjustments[0].amount))).toBe(true);
        });
        expect(sum(s.shares.map((p) => p.payable)).equals(s.net.plus(after.net).minus(before.net))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
