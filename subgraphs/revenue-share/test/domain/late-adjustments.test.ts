import { addUsage, CurrencyMismatchError, noUsage, PartyRole, settlePeriod, type LateUsage } from "../../src/domain";
import { amountsOf, d, noDeductions, operator, partner, percent, remainder, terms, usage } from "./terms-fixtures";

const { AGGREGATOR, CONTENT_PROVIDER } = PartyRole;
const september = { firstDate: "2026-09-01", lastDate: "2026-09-30" };
const refundsOn = { ...noDeductions, refunds: true, chargebacks: true };
const v1 = terms([operator(percent(40)), partner(AGGREGATOR, "agg", percent(25)), partner(CONTENT_PROVIDER, "cp", remainder)], { deductions: refundsOn });
const refund = (amount: string) => ({ ...noUsage("USD"), refunds: d(amount) });

describe("late refunds and chargebacks", () => {
  it("adjust this period by what the earlier period owes with them less what it stated", () => {
    const late: LateUsage = { ...september, terms: v1, stated: usage("1000.00", 100), late: refund("100.00") };
    const october = settlePeriod(v1, usage("2000.00", 200), [late]);
    // September stated 400 / 150 / 450; with 100.00 refunded it owes 360 / 135 / 405.
    expect(october.shares.map((p) => p.adjustments.map((a) => [a.firstDate, a.stated.toFixed(2), a.owed.toFixed(2), a.amount.toFixed(2)]))).toEqual([
      [["2026-09-01", "400.00", "360.00", "-40.00"]],
      [["2026-09-01", "150.00", "135.00", "-15.00"]],
      [["2026-09-01", "450.00", "405.00", "-45.00"]],
    ]);
    expect(amountsOf(october)).toEqual({ OPERATOR: "800.00", agg: "300.00", cp: "900.00" });
    expect(amountsOf(october, "payable")).toEqual({ OPERATOR: "760.00", agg: "285.00", cp: "855.00" });
  });

  it("are exactly the difference even where rounding moved a cent", () => {
    const thirds = terms([operator(percent("33.3333")), partner(AGGREGATOR, "agg", percent(50)), partner(CONTENT_PROVIDER, "cp", remainder)], { deductions: refundsOn });
    const stated = usage("100.00", 3);
    const s = settlePeriod(thirds, usage("0", 0), [{ ...september, terms: thirds, stated, late: refund("0.01") }]);
    const before = settlePeriod(thirds, stated);
    const after = settlePeriod(thirds, addUsage(stated, refund("0.01")));
    s.shares.forEach((p, i) => expect(p.adjustments[0].amount.toFixed(2)).toBe(after.shares[i].share.minus(before.shares[i].share).toFixed(2)));
    expect(s.shares.reduce((t, p) => t.plus(p.adjustments[0].amount), d(0)).toFixed(2)).toBe("-0.01");
  });

  it("leave a partner at its guarantee untouched: the operator bears the refund", () => {
    const guaranteed = terms([operator(percent(40)), partner(CONTENT_PROVIDER, "cp", remainder, { minimumGuarantee: "700.00" })], { deductions: refundsOn });
    const s = settlePeriod(guaranteed, usage("0", 0), [{ ...september, terms: guaranteed, stated: usage("1000.00", 10), late: refund("200.00") }]);
    expect(s.shares.map((p) => p.adjustments[0].amount.toFixed(2))).toEqual(["-200.00", "0.00"]);
  });

  it("change nothing when the earlier terms do not deduct refunds", () => {
    const s = settlePeriod(v1, usage("0", 0), [{ ...september, terms: { ...v1, deductions: noDeductions }, stated: usage("1000.00", 10), late: refund("200.00") }]);
    expect(s.shares.map((p) => p.adjustments[0].amount.toFixed(2))).toEqual(["0.00", "0.00", "0.00"]);
  });

  it("use the earlier period's terms, and reach a partner no longer in the waterfall", () => {
    const v2 = terms([operator(percent(50)), partner(CONTENT_PROVIDER, "cp", remainder)], { version: 2, deductions: refundsOn });
    const s = settlePeriod(v2, usage("100.00", 1), [{ ...september, terms: v1, stated: usage("1000.00", 10), late: refund("100.00") }]);
    expect(s.shares.map((p) => [p.partnerId, p.share.toFixed(2), p.payable.toFixed(2)])).toEqual([
      [null, "50.00", "10.00"],
      ["cp", "50.00", "5.00"],
      ["agg", "0.00", "-15.00"],
    ]);
  });

  it("count what earlier statements already adjusted as stated", () => {
    // 100.00 was adjusted on October's statement; November's 50.00 changes only what it adds.
    const stated = addUsage(usage("1000.00", 100), refund("100.00"));
    const s = settlePeriod(v1, usage("0", 0), [{ ...september, terms: v1, stated, late: refund("50.00") }]);
    expect(s.shares.map((p) => p.adjustments[0].amount.toFixed(2))).toEqual(["-20.00", "-7.50", "-22.50"]);
  });

  it("refuse an earlier period in another currency", () => {
    const euro = { ...v1, currency: "EUR" };
    expect(() => settlePeriod(v1, usage("0", 0), [{ ...september, terms: euro, stated: { ...usage("1", 1), currency: "EUR" }, late: { ...refund("1"), currency: "EUR" } }])).toThrow(CurrencyMismatchError);
  });
});
