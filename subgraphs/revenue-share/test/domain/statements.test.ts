import {
  allowedStatementTransitions, PartyRole, settlePeriod, ShareModel, StatementLineKind, statementLines, statementPeriodContaining, statementPeriodsDue, StatementStatus, statementTotal,
  statementTransitionRefusal, TierBasis, CurrencyMismatchError,
} from "../../src/domain";
import { d, noDeductions, operator, partner, percent, remainder, terms, tiers, usage } from "./terms-fixtures";

const { AGGREGATOR, CONTENT_PROVIDER } = PartyRole;
const deductions = { ...noDeductions, tax: true, refunds: true, platformFeePercent: d(2) };
const downloads = terms([operator(percent(40)), partner(AGGREGATOR, "agg", tiers(ShareModel.TIERED_MARGINAL, TierBasis.VOLUME, [0, 30], [10000, 20])), partner(CONTENT_PROVIDER, "cp", remainder)], { deductions });
const alerts = terms([operator(percent(50)), partner(AGGREGATOR, "agg", percent(20), { minimumGuarantee: "300.00" }), partner(CONTENT_PROVIDER, "cp2", remainder)]);
const september = { firstDate: "2026-09-01", lastDate: "2026-09-30" };

const services = [
  { serviceId: "downloads", settlement: settlePeriod(downloads, usage("12000.00", 12000, { tax: d("1000.00"), refunds: d("200.00") }), [{ ...september, terms: downloads, stated: usage("5000.00", 5000), late: { ...usage("0", 0), refunds: d("100.00") } }]) },
  { serviceId: "alerts", settlement: settlePeriod(alerts, usage("1000.00", 400)) },
];

describe("statement lines", () => {
  it("show per service gross, each deduction, net, the share by tier, top-ups and adjustments", () => {
    const lines = statementLines(services, "agg");
    expect(lines.map((l) => [l.serviceId, l.kind, l.amount.toFixed(2), l.description])).toEqual([
      ["downloads", StatementLineKind.GROSS, "12000.00", "Gross revenue, 12000 transactions"],
      ["downloads", StatementLineKind.DEDUCTION, "-1000.00", "Tax"],
      ["downloads", StatementLineKind.DEDUCTION, "-200.00", "Refunds"],
      ["downloads", StatementLineKind.DEDUCTION, "-240.00", "Platform fee: 2% of 12000.00"],
      ["downloads", StatementLineKind.NET, "10560.00", "Net revenue"],
      ["downloads", StatementLineKind.SHARE, "1584.00", "Tier 1 (from 0 transactions): 30% of 5280.00 (10000 transactions)"],
      ["downloads", StatementLineKind.SHARE, "211.20", "Tier 2 (from 10000 transactions): 20% of 1056.00 (2000 transactions)"],
      ["downloads", StatementLineKind.ADJUSTMENT, "-18.00", "Adjustment for 2026-09-01 to 2026-09-30: late refunds and chargebacks (stated 882.00)"],
      ["alerts", StatementLineKind.GROSS, "1000.00", "Gross revenue, 400 transactions"],
      ["alerts", StatementLineKind.NET, "1000.00", "Net revenue"],
      ["alerts", StatementLineKind.SHARE, "100.00", "20% of 500.00"],
      ["alerts", StatementLineKind.MINIMUM_GUARANTEE, "200.00", "Minimum guarantee top-up"],
    ]);
  });

  it("total to the payable: share, top-ups, caps and adjustments, across services", () => {
    const total = statementTotal("USD", statementLines(services, "agg"));
    expect(Object.fromEntries(Object.entries(total).map(([k, v]) => [k, typeof v === "string" ? v : v.toFixed(2)]))).toEqual({
      currency: "USD",
      gross: "13000.00",
      deductions: "-1440.00",
      net: "11560.00",
      share: "1895.20",
      minimumGuaranteeTopUp: "200.00",
      capAdjustment: "0.00",
      adjustments: "-18.00",
      payable: "2077.20",
    });
    const settled = services.map((s) => s.settlement.shares.find((p) => p.partnerId === "agg")!.payable);
    expect(total.payable.equals(settled[0].plus(settled[1]))).toBe(true);
  });

  it("show a cap line, and nothing for a service without the partner", () => {
    const capped = settlePeriod(terms([operator(percent(40)), partner(CONTENT_PROVIDER, "cp", remainder, { cap: "500.00" })]), usage("1000.00", 1));
    const lines = statementLines([...services, { serviceId: "vod", settlement: capped }], "cp");
    expect(lines.filter((l) => l.serviceId === "alerts")).toEqual([]);
    expect(lines.filter((l) => l.kind === StatementLineKind.CAP).map((l) => [l.amount.toFixed(2), l.description])).toEqual([["-100.00", "Cap: the excess returns to the operator"]]);
  });

  it("refuse services settled in different currencies", () => {
    const euro = settlePeriod({ ...alerts, currency: "EUR" }, { ...usage("1", 1), currency: "EUR" });
    expect(() => statementLines([...services, { serviceId: "euro", settlement: euro }], "agg")).toThrow(CurrencyMismatchError);
  });
});

describe("statement status", () => {
  const { DRAFT, PUBLISHED, SETTLED, DISPUTED } = StatementStatus;
  it.each([
    [DRAFT, PUBLISHED],
    [PUBLISHED, SETTLED],
    [PUBLISHED, DISPUTED],
    [DISPUTED, SETTLED],
  ])("allows %s → %s", (from, to) => expect(statementTransitionRefusal(from, to)).toBeUndefined());

  it.each([
    [DRAFT, SETTLED, "a DRAFT statement cannot become SETTLED: it can only become PUBLISHED"],
    [PUBLISHED, DRAFT, "a PUBLISHED statement cannot become DRAFT: it can only become SETTLED or DISPUTED"],
    [SETTLED, DISPUTED, "a SETTLED statement cannot become DISPUTED: it is final"],
    [DISPUTED, PUBLISHED, "a DISPUTED statement cannot become PUBLISHED: it can only become SETTLED"],
    [PUBLISHED, PUBLISHED, "a PUBLISHED statement cannot become PUBLISHED: it can only become SETTLED or DISPUTED"],
  ])("refuses %s → %s", (from, to, why) => expect(statementTransitionRefusal(from, to)).toBe(why));

  it("lists what each status can become", () => expect(allowedStatementTransitions(SETTLED)).toEqual([]));
});

describe("statement periods", () => {
  it("follow the partner's cycle in its timezone", () => {
    const p = statementPeriodContaining({ cycle: "MONTHLY", timezone: "Asia/Kolkata" }, new Date("2026-09-30T19:00:00Z"));
    expect([p.firstDate, p.lastDate, p.start.toISOString()]).toEqual(["2026-10-01", "2026-10-31", "2026-09-30T18:30:00.000Z"]);
  });

  it("are due once closed, oldest first, from the end of the last one stated", () => {
    const state = { cycle: "SEMI_MONTHLY" as const, timezone: "Europe/London", billingStart: new Date("2026-09-01T00:00:00+01:00"), billedThrough: new Date("2026-09-15T23:00:00Z") };
    expect(statementPeriodsDue(state, new Date("2026-10-20T00:00:00Z")).map((p) => p.firstDate)).toEqual(["2026-09-16", "2026-10-01"]);
  });
});
