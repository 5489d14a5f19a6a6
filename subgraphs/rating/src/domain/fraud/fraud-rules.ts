import { Decimal, type FieldProblem } from "@intersettle/shared";

/** The fraud rules rating evaluates on a partner's live traffic (its calls as a customer: what it sends and pays for). */
export enum FraudRule {
  SPEND_PER_HOUR = "SPEND_PER_HOUR",
  SPEND_PER_DAY = "SPEND_PER_DAY",
  DESTINATION_SURGE = "DESTINATION_SURGE",
  IRSF_RANGE = "IRSF_RANGE",
  TRAFFIC_PUMPING = "TRAFFIC_PUMPING",
  NEW_DESTINATION = "NEW_DESTINATION",
}

interface RuleBase {
  enabled: boolean;
  /** An alert of this rule asks the partners subgraph to block the partner at once. */
  autoBlock: boolean;
}

/** Spend over a cap, in the partner's invoicing currency (no cap: the rule is off). */
export interface SpendRule extends RuleBase {
  cap: string | null;
}

/** Minutes to one destination in an hour above `multiplier` × its trailing hourly average, once they reach `minMinutes`. */
export interface SurgeRule extends RuleBase {
  multiplier: number;
  minMinutes: number;
  baselineDays: number;
}

/** Calls to a range of the imported IRSF list: `minCalls` in a UTC day raise an alert. */
export interface IrsfRule extends RuleBase {
  minCalls: number;
}

/**
 * Traffic pumping: `minCalls` answered calls shorter than `maxSeconds` to one number range within `windowMinutes`. A range
 * is the B-number with its last `rangeDigits` digits dropped (3: blocks of 1,000 numbers).
 */
export interface PumpingRule extends RuleBase {
  minCalls: number;
  maxSeconds: number;
  rangeDigits: number;
  windowMinutes: number;
}

/** A destination the partner sent nothing to in the `trailingDays` before the last 24 hours, getting `minCalls` in them. */
export interface NewDestinationRule extends RuleBase {
  minCalls: number;
  trailingDays: number;
}

export interface FraudRuleSet {
  spendPerHour: SpendRule;
  spendPerDay: SpendRule;
  destinationSurge: SurgeRule;
  irsf: IrsfRule;
  trafficPumping: PumpingRule;
  newDestination: NewDestinationRule;
}

/** What every partner gets until an operator sets its rules: spend caps are the partner's own business, so they start off. */
export const DEFAULT_FRAUD_RULES: FraudRuleSet = {
  spendPerHour: { enabled: false, cap: null, autoBlock: false },
  spendPerDay: { enabled: false, cap: null, autoBlock: false },
  destinationSurge: { enabled: true, multiplier: 10, minMinutes: 60, baselineDays: 7, autoBlock: false },
  irsf: { enabled: true, minCalls: 1, autoBlock: false },
  trafficPumping: { enabled: true, minCalls: 50, maxSeconds: 10, rangeDigits: 3, windowMinutes: 60, autoBlock: false },
  newDestination: { enabled: true, minCalls: 20, trailingDays: 30, autoBlock: false },
};

/** Inclusive bounds of every numeric threshold: none can be set so that a rule fires on every call or never can. */
export const RULE_BOUNDS = {
  cap: { min: "0.01", max: "1000000000000" },
  multiplier: { min: 1.5, max: 1000 },
  minMinutes: { min: 1, max: 1_000_000 },
  baselineDays: { min: 1, max: 90 },
  minCalls: { min: 1, max: 1_000_000 },
  maxSeconds: { min: 1, max: 300 },
  rangeDigits: { min: 1, max: 8 },
  windowMinutes: { min: 5, max: 1440 },
  trailingDays: { min: 1, max: 365 },
} as const;

/** A change to some rules: each given field replaces the current one. */
export type FraudRulesPatch = { [K in keyof FraudRuleSet]?: Partial<FraudRuleSet[K]> };

/** Stored rules over the defaults, field by field: a rule added later gets its default for partners set before. */
export function withDefaults(stored: FraudRulesPatch | null | undefined): FraudRuleSet {
  const rules = structuredClone(DEFAULT_FRAUD_RULES);
  for (const name of Object.keys(rules) as Array<keyof FraudRuleSet>) Object.assign(rules[name], stored?.[name] ?? {});
  return rules;
}

/** The rules after a change, or the problems with it, each naming its field (`spendPerHour.cap`). */
export function applyRulesPatch(current: FraudRuleSet, patch: FraudRulesPatch): { rules: FraudRuleSet; problems: FieldProblem[] } {
  const rules = withDefaults({ ...current });
  const problems: FieldProblem[] = [];
  for (const name of Object.keys(patch) as Array<keyof FraudRuleSet>) {
    const change = patch[name];
    if (!change) continue;
    for (const [field, value] of Object.entries(change)) if (value !== undefined && value !== null) (rules[name] as unknown as Record<string, unknown>)[field] = value;
    if ("cap" in change && change.cap === null) (rules[name] as SpendRule).cap = null;
  }
  for (const name of ["spendPerHour", "spendPerDay"] as const) problems.push(...capProblems(name, rules[name]));
  const numeric: Array<[keyof FraudRuleSet, keyof typeof RULE_BOUNDS, boolean]> = [
    ["destinationSurge", "multiplier", false],
    ["destinationSurge", "minMinutes", true],
    ["destinationSurge", "baselineDays", true],
    ["irsf", "minCalls", true],
    ["trafficPumping", "minCalls", true],
    ["trafficPumping", "maxSeconds", true],
    ["trafficPumping", "rangeDigits", true],
    ["trafficPumping", "windowMinutes", true],
    ["newDestination", "minCalls", true],
    ["newDestination", "trailingDays", true],
  ];
  for (const [rule, field, integer] of numeric) {
    const value = (rules[rule] as unknown as Record<string, number>)[field];
    const { min, max } = RULE_BOUNDS[field] as { min: number; max: number };
    if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value)))
      problems.push({ field: `${rule}.${field}`, message: `must be ${integer ? "an integer " : ""}from ${min} to ${max}` });
  }
  return { rules, problems };
}

function capProblems(name: "spendPerHour" | "spendPerDay", rule: SpendRule): FieldProblem[] {
  if (rule.cap === null) return rule.enabled ? [{ field: `${name}.cap`, message: "is required to enable the rule" }] : [];
  const cap = new Decimal(rule.cap);
  if (cap.lt(RULE_BOUNDS.cap.min) || cap.gt(RULE_BOUNDS.cap.max)) return [{ field: `${name}.cap`, message: `must be from ${RULE_BOUNDS.cap.min} to ${RULE_BOUNDS.cap.max}` }];
  rule.cap = cap.toFixed();
  return [];
}

/** What rating threads watch per call for a partner: its traffic-pumping rule, when on. */
export interface PumpingWatch {
  maxSeconds: number;
  rangeDigits: number;
  windowMs: number;
}

export function pumpingWatch(rules: FraudRuleSet): PumpingWatch | undefined {
  const r = rules.trafficPumping;
  return r.enabled ? { maxSeconds: r.maxSeconds, rangeDigits: r.rangeDigits, windowMs: r.windowMinutes * 60_000 } : undefined;
}
