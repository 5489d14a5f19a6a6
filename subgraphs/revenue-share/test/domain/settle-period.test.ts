import { CurrencyMismatchError, DeductionKind, InvalidTermsError, PartyRole, settlePeriod, ShareModel, TierBasis } from "../../src/domain";
import { amountsOf, d, noDeductions, operator, partner, percent, remainder, terms, tiers, usage } from "./terms-fixtures";

const { AGGREGATOR, CONTENT_PROVIDER, PLATFORM_ENABLER } = PartyRole;

// The README's worked example: 12,000 downloads for 12,000.00 in a month.
const month = usage("12000.00", 12000, { tax: d("1000.00"), refunds: d("200.00"), chargebacks: d("50.00"), badDebt: d("80.00") });
const deductions = { ...noDeductions, tax: true, refunds: true, chargebacks: true, platformFeePercent: d(2), platformFeePerTransaction: d("0.01") };
const aggregatorTiers = tiers(ShareModel.TIERED_MARGINAL, TierBasis.VOLUME, [0, 30], [10000, 20]);

describe("settlePeriod", () => {
  it("takes each enabled deduction off gross: tax, refunds, chargebacks as reported; platform fees computed", () => {
    const s = settlePeriod(terms([operator(percent(40)), partner(CONTENT_PROVIDER, "cp", remainder)], { deductions }), month);
    expect(s.deductions.map((l) => [l.kind, l.rate?.toFixed() ?? null, l.amount.toFixed(2)])).toEqual([
      [DeductionKind.TAX, null, "1000.00"],
      [DeductionKind.REFUNDS, null, "200.00"],
      [DeductionKind.CHARGEBACKS, null, "50.00"],
      [DeductionKind.PLATFORM_FEE, "2", "240.00"],
      [DeductionKind.TRANSACTION_FEE, "0.01", "120.00"],
    ]);
    expect(s.net.toFixed(2)).toBe("10390.00"); // bad debt is reported but not deducted: switched off
  });

  it("deducts actual bad debt, or a provision as a percent of gross, rounded half-up", () => {
    const actual = settlePeriod(terms([operator(percent(40)), partner(CONTENT_PROVIDER, "cp", remainder)], { deductions: { ...noDeductions, badDebt: true } }), month);
    expect(actual.net.toFixed(2)).toBe("11920.00");
    const provision = settlePeriod(terms([operator(percent(40)), partner(CONTENT_PROVIDER, "cp", remainder)], { deductions: { ...noDeductions, badDebtPercent: d("1.5") } }), usage("100.03", 1));
    expect(provision.deductions[0].amount.toFixed(2)).toBe("1.50"); // 1.50045
    expect(provision.net.toFixed(2)).toBe("98.53");
  });

  it("divides a two-party waterfall: the operator's percent, the provider the rest", () => {
    const s = settlePeriod(terms([operator(percent(30)), partner(CONTENT_PROVIDER, "cp", remainder)]), usage("1000.00", 10));
    expect(amountsOf(s)).toEqual({ OPERATOR: "300.00", cp: "700.00" });
  });

  it("divides a three-party waterfall: operator, the aggregator's tiers of the rest, the provider the remainder", () => {
    const s = settlePeriod(terms([operator(percent(40)), partner(AGGREGATOR, "agg", aggregatorTiers), partner(CONTENT_PROVIDER, "cp", remainder)], { deductions }), month);
    expect(amountsOf(s)).toEqual({ OPERATOR: "4156.00", agg: "1766.30", cp: "4467.70" });
    const aggregator = s.shares[1];
    expect(aggregator.lines.map((l) => [l.tier, l.transactions, l.base.toFixed(2), l.rate.toFixed(), l.amount.toFixed(2)])).toEqual([
      [1, 10000, "5195.00", "30", "1558.50"],
      [2, 2000, "1039.00", "20", "207.80"],
    ]);
  });

  it("divides a four-party waterfall with a platform enabler between aggregator and provider", () => {
    const s = settlePeriod(
      terms([operator(percent(50)), partner(AGGREGATOR, "agg", percent(20)), partner(PLATFORM_ENABLER, "pe", percent(10)), partner(CONTENT_PROVIDER, "cp", remainder)]),
      usage("1000.00", 10),
    );
    expect(amountsOf(s)).toEqual({ OPERATOR: "500.00", agg: "100.00", pe: "40.00", cp: "360.00" });
  });

  it("rounds by largest remainder so that the shares sum exactly to net, ties to the earlier step", () => {
    // 0.05 / 0.025 / 0.025: the one cent left goes to the aggregator, whose remainder ties the provider's.
    const s = settlePeriod(terms([operator(percent(50)), partner(AGGREGATOR, "agg", percent(50)), partner(CONTENT_PROVIDER, "cp", remainder)]), usage("0.10", 1));
    expect(amountsOf(s)).toEqual({ OPERATOR: "0.05", agg: "0.03", cp: "0.02" });
    expect(s.shares.map((p) => p.exactShare.toFixed())).toEqual(["0.05", "0.025", "0.025"]);
  });

  it("rounds to the currency's minor units: none for JPY, three for BHD", () => {
    const split = [operator(percent("33.3333")), partner(AGGREGATOR, "agg", percent(50)), partner(CONTENT_PROVIDER, "cp", remainder)];
    const yen = settlePeriod(terms(split, { currency: "JPY" }), { ...usage("1000", 3), currency: "JPY" });
    expect(amountsOf(yen, "share", 0)).toEqual({ OPERATOR: "333", agg: "334", cp: "333" });
    const dinar = settlePeriod(terms(split, { currency: "BHD" }), { ...usage("1", 3), currency: "BHD" });
    expect(amountsOf(dinar, "share", 3)).toEqual({ OPERATOR: "0.333", agg: "0.334", cp: "0.333" });
  });

  describe("minimum guarantees", () => {
    const withGuarantee = (mg: string) => terms([operator(percent(40)), partner(AGGREGATOR, "agg", aggregatorTiers), partner(CONTENT_PROVIDER, "cp", remainder, { minimumGuarantee: mg })], { deductions });

    it("tops a partner up to its guarantee out of the operator's share; the others keep theirs", () => {
      const s = settlePeriod(withGuarantee("5000.00"), month);
      expect(amountsOf(s)).toEqual({ OPERATOR: "3623.70", agg: "1766.30", cp: "5000.00" });
      expect(amountsOf(s, "ruleShare")).toEqual({ OPERATOR: "4156.00", agg: "1766.30", cp: "4467.70" });
      expect(amountsOf(s, "minimumGuaranteeTopUp")).toEqual({ OPERATOR: "-532.30", agg: "0.00", cp: "532.30" });
    });

    it("pays nothing extra when the rule share reaches the guarantee", () => {
      const s = settlePeriod(withGuarantee("4467.70"), month);
      expect(amountsOf(s, "minimumGuaranteeTopUp")).toEqual({ OPERATOR: "0.00", agg: "0.00", cp: "0.00" });
    });

    it("drives the operator's share negative, exactly, when its share cannot cover the top-up", () => {
      const s = settlePeriod(withGuarantee("20000.00"), month);
      expect(amountsOf(s)).toEqual({ OPERATOR: "-11376.30", agg: "1766.30", cp: "20000.00" });
      expect(s.shares.reduce((t, p) => t.plus(p.share), d(0)).toFixed(2)).toBe("10390.00");
    });

    it("guarantees a partner its minimum even in a period without revenue", () => {
      const s = settlePeriod(terms([operator(percent(40)), partner(CONTENT_PROVIDER, "cp", remainder, { minimumGuarantee: "250.00" })]), usage("0", 0));
      expect(amountsOf(s)).toEqual({ OPERATOR: "-250.00", cp: "250.00" });
    });
  });

  describe("caps", () => {
    it("holds a partner to its cap and gives the excess back to the operator, not to the parties below", () => {
      const s = settlePeriod(terms([operator(percent(40)), partner(AGGREGATOR, "agg", aggregatorTiers, { cap: "1500.00" }), partner(CONTENT_PROVIDER, "cp", remainder)], { deductions }), month);
      expect(amountsOf(s)).toEqual({ OPERATOR: "4422.30", agg: "1500.00", cp: "4467.70" });
      expect(amountsOf(s, "capAdjustment")).toEqual({ OPERATOR: "266.30", agg: "-266.30", cp: "0.00" });
      expect(s.shares.map((p) => p.capApplied)).toEqual([false, true, false]);
    });

    it("caps the remainder-taker too, and combines with another partner's guarantee", () => {
      const s = settlePeriod(
        terms([operator(percent(40)), partner(AGGREGATOR, "agg", aggregatorTiers, { minimumGuarantee: "2000.00" }), partner(CONTENT_PROVIDER, "cp", remainder, { cap: "4000.00" })], { deductions }),
        month,
      );
      expect(amountsOf(s)).toEqual({ OPERATOR: "4390.00", agg: "2000.00", cp: "4000.00" });
    });
  });

  it("refuses invalid terms and usage in another currency", () => {
    expect(() => settlePeriod(terms([operator(percent(40))]), usage("1", 1))).toThrow(InvalidTermsError);
    expect(() => settlePeriod(terms([operator(percent(40)), partner(CONTENT_PROVIDER, "cp", remainder)]), { ...usage("1", 1), currency: "EUR" })).toThrow(CurrencyMismatchError);
  });

  it("keeps each party's lines summing to its rule share, and the share = rule share + top-up + cap adjustment", () => {
    const s = settlePeriod(terms([operator(tiers(ShareModel.TIERED_MARGINAL, TierBasis.REVENUE, [0, "33.3333"], [1000, "41.11"])), partner(AGGREGATOR, "agg", percent("17.7"), { minimumGuarantee: "900" }), partner(CONTENT_PROVIDER, "cp", remainder, { cap: "1000" })]), usage("3333.33", 7));
    for (const p of s.shares) {
      expect(p.lines.reduce((t, l) => t.plus(l.amount), d(0)).toFixed(2)).toBe(p.ruleShare.toFixed(2));
      expect(p.ruleShare.plus(p.minimumGuaranteeTopUp).plus(p.capAdjustment).toFixed(2)).toBe(p.share.toFixed(2));
    }
    expect(s.shares.reduce((t, p) => t.plus(p.share), d(0)).toFixed(2)).toBe(s.net.toFixed(2));
  });
});
