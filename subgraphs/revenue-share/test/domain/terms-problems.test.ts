import { PartyRole, ShareModel, shareTermsProblems, TierBasis, termsInForce, versionOverlapProblems } from "../../src/domain";
import { d, fixedFee, noDeductions, operator, partner, percent, remainder, terms, tiers } from "./terms-fixtures";

const { AGGREGATOR, CONTENT_PROVIDER, OPERATOR } = PartyRole;
const valid = terms([operator(percent(40)), partner(AGGREGATOR, "agg", fixedFee("0.05")), partner(CONTENT_PROVIDER, "cp", remainder, { minimumGuarantee: "100.00", cap: "900.00" })]);
const fields = (t: typeof valid) => shareTermsProblems(t).map((p) => p.field);

describe("agreement terms problems", () => {
  it("accepts valid terms", () => expect(shareTermsProblems(valid)).toEqual([]));

  it("names the version, dates and currency", () => {
    expect(fields({ ...valid, version: 0, effectiveFrom: "2026-02-30", currency: "XXY" })).toEqual(["version", "effectiveFrom", "currency"]);
    expect(shareTermsProblems({ ...valid, effectiveTo: "2025-12-31" })).toEqual([{ field: "effectiveTo", message: "must not be before effectiveFrom 2026-01-01" }]);
  });

  it("names deductions out of range, and bad debt deducted twice", () => {
    const deductions = { ...noDeductions, badDebt: true, badDebtPercent: d(2), platformFeePercent: d(101), platformFeePerTransaction: d("-0.01") };
    expect(fields({ ...valid, deductions })).toEqual(["deductions.platformFeePercent", "deductions.platformFeePerTransaction", "deductions.badDebtPercent"]);
  });

  it("wants the operator first and only first, partners named once, the remainder last and only last", () => {
    expect(fields(terms([partner(AGGREGATOR, "agg", percent(10)), partner(CONTENT_PROVIDER, "cp", remainder)]))).toEqual(["waterfall.0.partyRole"]);
    expect(fields(terms([operator(remainder), { ...operator(percent(1)), partyRole: OPERATOR }]))).toEqual(["waterfall.0.rule.model", "waterfall.1.partyRole", "waterfall.1.rule.model"]);
    expect(fields(terms([{ ...operator(percent(1)), partnerId: "x" }, partner(AGGREGATOR, "", percent(1)), partner(CONTENT_PROVIDER, "cp", remainder), partner(CONTENT_PROVIDER, "cp", remainder)]))).toEqual([
      "waterfall.0.partnerId",
      "waterfall.1.partnerId",
      "waterfall.2.rule.model",
      "waterfall.3.partnerId",
    ]);
    expect(fields(terms([operator(percent(1))]))).toEqual(["waterfall"]);
  });

  it("checks percents, fees and tiers", () => {
    const bad = terms([
      operator(percent(-1)),
      partner(AGGREGATOR, "agg", tiers(ShareModel.TIERED_MARGINAL, TierBasis.VOLUME, [1, 30], ["10.5", 20], [10, 120])),
      partner(PartyRole.PLATFORM_ENABLER, "pe", fixedFee(-1)),
      partner(CONTENT_PROVIDER, "x", { model: ShareModel.TIERED_WHOLE, basis: TierBasis.REVENUE, tiers: [] }),
      partner(CONTENT_PROVIDER, "cp", remainder),
    ]);
    expect(fields(bad)).toEqual([
      "waterfall.0.rule.percent",
      "waterfall.1.rule.tiers.0.from",
      "waterfall.1.rule.tiers.1.from",
      "waterfall.1.rule.tiers.2.percent",
      "waterfall.1.rule.tiers.2.from",
      "waterfall.2.rule.fee",
      "waterfall.3.rule.tiers",
    ]);
  });

  it("checks guarantees and caps: partners only, not negative, in minor units, the cap not below the guarantee", () => {
    const bad = terms([
      { ...operator(percent(40)), cap: d(10) },
      partner(AGGREGATOR, "agg", percent(10), { minimumGuarantee: "-1", cap: "10.005" }),
      partner(CONTENT_PROVIDER, "cp", remainder, { minimumGuarantee: "500", cap: "400" }),
    ]);
    expect(shareTermsProblems(bad)).toEqual([
      { field: "waterfall.0.cap", message: "the OPERATOR has none" },
      { field: "waterfall.1.minimumGuarantee", message: "must be 0 or more" },
      { field: "waterfall.1.cap", message: "has more than the currency's 2 decimals" },
      { field: "waterfall.2.cap", message: "must not be below the minimum guarantee 500" },
    ]);
  });
});

describe("agreement versions", () => {
  const v1 = { ...valid, version: 1, effectiveFrom: "2026-01-01", effectiveTo: "2026-03-15" };
  const v2 = { ...valid, version: 2, effectiveFrom: "2026-03-16", effectiveTo: null };

  it("apply the version in force on a period's first day to the whole period", () => {
    expect(termsInForce([v1, v2], "2026-03-01")?.version).toBe(1); // v2 starts mid-March: April is its first period
    expect(termsInForce([v1, v2], "2026-04-01")?.version).toBe(2);
    expect(termsInForce([v1, v2], "2025-12-01")).toBeUndefined();
  });

  it("must not overlap", () => {
    expect(versionOverlapProblems([v1, v2])).toEqual([]);
    const v3 = { version: 3, effectiveFrom: "2026-02-01", effectiveTo: "2026-02-28" };
    expect(versionOverlapProblems([v2, v1, v3])).toEqual([{ field: "versions.2.effectiveFrom", message: "overlaps version 1 (from 2026-01-01 to 2026-03-15)" }]);
    const open = { version: 4, effectiveFrom: "2027-01-01", effectiveTo: null };
    expect(versionOverlapProblems([{ ...v1, effectiveTo: null }, open]).map((p) => p.field)).toEqual(["versions.1.effectiveFrom"]);
  });
});
