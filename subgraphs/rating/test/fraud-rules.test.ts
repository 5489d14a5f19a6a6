import fc from "fast-check";
import { Decimal } from "@intersettle/shared";
import { applyRulesPatch, DEFAULT_FRAUD_RULES, FraudRule, RULE_BOUNDS, withDefaults } from "../src/domain/fraud/fraud-rules";
import { FraudSeverity, irsfFindings, newDestinationFindings, pumpingFindings, severityFor, spendFindings, surgeFindings } from "../src/domain/fraud/fraud-findings";
import { CallSignals, MAX_SHORT_CALL_SUBJECTS } from "../src/domain/fraud/call-signals";
import { irsfIndex, irsfRangeFrom } from "../src/domain/fraud/irsf-ranges";
import { parseIrsfCsv } from "../src/services/fraud/irsf-range.service";

const HOUR = 3_600_000;
const T0 = new Date("2026-11-20T10:00:00Z");

describe("fraud rule settings", () => {
  it("start from defaults that watch without blocking, spend caps off", () => {
    const rules = withDefaults(null);
    expect(rules).toEqual(DEFAULT_FRAUD_RULES);
    expect(Object.values(rules).every((r) => r.autoBlock === false)).toBe(true);
    expect([rules.spendPerHour.enabled, rules.spendPerDay.enabled]).toEqual([false, false]);
    // A rule stored before a setting existed gets that setting's default.
    expect(withDefaults({ trafficPumping: { minCalls: 7 } }).trafficPumping).toEqual({ ...DEFAULT_FRAUD_RULES.trafficPumping, minCalls: 7 });
  });

  it("change only what a patch names, and refuse a cap-less spend rule or a threshold out of bounds, naming the field", () => {
    const { rules, problems } = applyRulesPatch(DEFAULT_FRAUD_RULES, { spendPerHour: { enabled: true, cap: "100.50", autoBlock: true }, irsf: { minCalls: 3 } });
    expect(problems).toEqual([]);
    expect(rules.spendPerHour).toEqual({ enabled: true, cap: "100.5", autoBlock: true });
    expect(rules.irsf.minCalls).toBe(3);
    expect(rules.destinationSurge).toEqual(DEFAULT_FRAUD_RULES.destinationSurge);
    expect(applyRulesPatch(DEFAULT_FRAUD_RULES, { spendPerDay: { enabled: true } }).problems).toEqual([{ field: "spendPerDay.cap", message: "is required to enable the rule" }]);
    expect(applyRulesPatch(rules, { spendPerHour: { cap: null, enabled: false } }).rules.spendPerHour.cap).toBeNull();
    expect(applyRulesPatch(DEFAULT_FRAUD_RULES, { trafficPumping: { maxSeconds: 0, windowMinutes: 2.5 } }).problems.map((p) => p.field)).toEqual(["trafficPumping.maxSeconds", "trafficPumping.windowMinutes"]);
    expect(applyRulesPatch(DEFAULT_FRAUD_RULES, { spendPerHour: { cap: "0" } }).problems.map((p) => p.field)).toEqual(["spendPerHour.cap"]);
  });

  it("accept every integer threshold within its bounds and refuse every one outside", () => {
    const fields = [
      ["destinationSurge", "minMinutes"], ["destinationSurge", "baselineDays"], ["irsf", "minCalls"], ["trafficPumping", "minCalls"], ["trafficPumping", "maxSeconds"],
      ["trafficPumping", "rangeDigits"], ["trafficPumping", "windowMinutes"], ["newDestination", "minCalls"], ["newDestination", "trailingDays"],
    ] as const;
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.integer({ min: -10, max: 2_000_000 }), ([rule, field], value) => {
        const { min, max } = RULE_BOUNDS[field];
        const { problems } = applyRulesPatch(DEFAULT_FRAUD_RULES, { [rule]: { [field]: value } });
        expect(problems.length === 0).toBe(value >= min && value <= max);
        if (problems.length) expect(problems[0].field).toBe(`${rule}.${field}`);
      }),
    );
  });
});

describe("fraud findings", () => {
  it("escalate the severity once a figure is three times its threshold", () => {
    expect(severityFor(FraudSeverity.MEDIUM, 2.9)).toBe(FraudSeverity.MEDIUM);
    expect(severityFor(FraudSeverity.MEDIUM, 3)).toBe(FraudSeverity.HIGH);
    expect(severityFor(FraudSeverity.CRITICAL, 10)).toBe(FraudSeverity.CRITICAL);
  });

  it("find spend over the cap exactly, and nothing at the cap or with the rule off", () => {
    const rule = { enabled: true, cap: "100", autoBlock: false };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (cents) => {
        const spend = new Decimal(cents).div(100);
        const found = spendFindings(FraudRule.SPEND_PER_HOUR, rule, [{ start: T0, end: new Date(T0.getTime() + HOUR), spend, currency: "USD" }]);
        expect(found.length).toBe(spend.gt(100) ? 1 : 0);
        expect(spendFindings(FraudRule.SPEND_PER_HOUR, { ...rule, enabled: false }, [{ start: T0, end: T0, spend, currency: "USD" }])).toEqual([]);
      }),
    );
    const [f] = spendFindings(FraudRule.SPEND_PER_DAY, rule, [{ start: T0, end: T0, spend: new Decimal("350"), currency: "EUR" }]);
    expect(f).toMatchObject({ rule: FraudRule.SPEND_PER_DAY, subject: "spend", severity: FraudSeverity.CRITICAL, figures: { spend: "350", cap: "100", currency: "EUR" } });
  });

  it("find a surge over its settled baseline once it reaches the minimum volume, and leave a destination without one to NEW_DESTINATION", () => {
    const rule = { ...DEFAULT_FRAUD_RULES.destinationSurge, multiplier: 10, minMinutes: 60, baselineDays: 7 };
    // Baseline: 168 hours of 1 minute each; 11 minutes an hour is not a surge (under 60), 100 minutes is.
    const cell = (minutes: number, baselineMinutes: number, settledBaseline = true) => ({ destination: "Somalia", hour: T0, seconds: minutes * 60, baselineSeconds: baselineMinutes * 60, settledBaseline });
    expect(surgeFindings(rule, [cell(11, 168)])).toEqual([]);
    // Traffic that began a few hours ago has no baseline to surge over yet.
    expect(surgeFindings(rule, [cell(100, 168, false)])).toEqual([]);
    expect(surgeFindings(rule, [cell(100, 168)])).toMatchObject([{ rule: FraudRule.DESTINATION_SURGE, subject: "Somalia", figures: { minutes: 100, baselineMinutesPerHour: 1, ratio: 100 } }]);
    expect(surgeFindings(rule, [cell(100, 168 * 20)])).toEqual([]);
    expect(surgeFindings(rule, [cell(1000, 0)])).toEqual([]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 100_000 }), (minutes, baseline) => {
        const fires = surgeFindings(rule, [cell(minutes, baseline)]).length === 1;
        expect(fires).toBe(minutes >= 60 && minutes > 10 * (baseline / 168));
      }),
    );
  });

  it("find new destinations only for a partner with earlier traffic", () => {
    const rule = DEFAULT_FRAUD_RULES.newDestination;
    const windows = { recentStart: T0, recentEnd: T0, trailingStart: T0, day: T0 };
    const rows = [
      { destination: "Latvia", recentCalls: 25, trailingSeen: false },
      { destination: "UK", recentCalls: 500, trailingSeen: true },
      { destination: "Chad", recentCalls: 3, trailingSeen: false },
    ];
    expect(newDestinationFindings(rule, windows, true, rows).map((f) => f.subject)).toEqual(["Latvia"]);
    expect(newDestinationFindings(rule, windows, false, rows)).toEqual([]);
  });

  it("find IRSF hits and pumping from window counts at their minimum", () => {
    const count = (calls: number) => ({ subject: "88213", name: "Thuraya", windowStart: T0, windowEnd: T0, calls, seconds: calls * 4, samples: [] });
    expect(irsfFindings({ enabled: true, minCalls: 2, autoBlock: false }, [count(1), count(2)]).map((f) => f.figures.calls)).toEqual([2]);
    expect(pumpingFindings({ ...DEFAULT_FRAUD_RULES.trafficPumping, minCalls: 50 }, [count(49), count(50)]).map((f) => [f.figures.calls, f.figures.range])).toEqual([[50, "88213xxx"]]);
    expect(pumpingFindings({ ...DEFAULT_FRAUD_RULES.trafficPumping, enabled: false }, [count(500)])).toEqual([]);
  });
});

describe("call signals", () => {
  const watch = { irsf: irsfIndex([{ prefix: "88213", name: "Thuraya", note: null }, { prefix: "3712", name: "Latvia premium", note: null }]), pumping: new Map([["c1", { maxSeconds: 10, rangeDigits: 3, windowMs: HOUR }]]) };

  it("count each customer's IRSF hits per range and day, and its short answered calls per number range and window, with a few samples", () => {
    const signals = new CallSignals(watch);
    for (let i = 0; i < 5; i++) signals.add("c1", `p${i}`, `44770090${String(i).padStart(4, "0")}`, T0.getTime() + i * 1000, 3, true);
    signals.add("c1", "long", "447700900009", T0.getTime(), 60, true);
    signals.add("c1", "unanswered", "447700900010", T0.getTime(), 0, false);
    signals.add("c1", "sat", "882131234567", T0.getTime(), 40, true);
    signals.add("c2", "sat2", "37121234567", T0.getTime(), 40, true);
    signals.add("c2", "short-but-unwatched", "447700900011", T0.getTime(), 3, true);
    const [c1, c2] = signals.summary();
    expect(c1.shortCalls).toMatchObject([{ subject: "447700900", calls: 5, seconds: 15, windowStartMs: T0.getTime(), windowMs: HOUR }]);
    expect(c1.shortCalls[0].samples.map((s) => s.callId)).toEqual(["p0", "p1", "p2"]);
    expect(c1.irsf).toMatchObject([{ subject: "88213", name: "Thuraya", calls: 1, seconds: 40 }]);
    expect(c2).toMatchObject({ partnerId: "c2", irsf: [{ subject: "3712", calls: 1 }], shortCalls: [] });
  });

  it("keep only the heaviest ranges of a block", () => {
    const signals = new CallSignals(watch);
    for (let r = 0; r < 80; r++) for (let i = 0; i <= r % 4; i++) signals.add("c1", `x${r}-${i}`, `4477009${String(r).padStart(2, "0")}${i}00`, T0.getTime(), 2, true);
    const [c1] = signals.summary();
    expect(c1.shortCalls).toHaveLength(MAX_SHORT_CALL_SUBJECTS);
    expect(c1.shortCalls[0].calls).toBe(4);
  });
});

describe("the IRSF list", () => {
  it("reads prefixes with names and notes, dropping a leading + or 00", () => {
    expect(parseIrsfCsv("prefix,name,note\n+88213,Thuraya,satellite\n0037125,Latvia premium,\n\n")).toEqual([
      { prefix: "88213", name: "Thuraya", note: "satellite" },
      { prefix: "37125", name: "Latvia premium", note: null },
    ]);
  });

  it("refuses a file without a prefix column, bad prefixes and a prefix listed twice, naming each line", () => {
    expect(() => parseIrsfCsv("range,name\n88213,x")).toThrow(/prefix: required column is missing/);
    expect(() => parseIrsfCsv("prefix,name\n88213,a\n88x,b\n88213,c")).toThrow(/line 3: prefix: must be 2 to 15 digits.*line 4: prefix: 88213 is listed on line 2 already/);
    expect(irsfRangeFrom({ prefix: "1".repeat(16) }, 9).problems[0].field).toBe("line 9: prefix");
  });
});
