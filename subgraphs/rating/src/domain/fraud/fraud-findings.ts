import { Decimal } from "@intersettle/shared";
import { FraudRule, type IrsfRule, type NewDestinationRule, type PumpingRule, type SpendRule, type SurgeRule } from "./fraud-rules";
import type { SampleCall } from "./call-signals";

export enum FraudSeverity {
  LOW = "LOW",
  MEDIUM = "MEDIUM",
  HIGH = "HIGH",
  CRITICAL = "CRITICAL",
}

export enum FraudAlertStatus {
  OPEN = "OPEN",
  ACKNOWLEDGED = "ACKNOWLEDGED",
  CLOSED = "CLOSED",
}

/** A rule tripped: what by (subject), in which window, the figures against the thresholds, and calls to look at. */
export interface Finding {
  rule: FraudRule;
  subject: string;
  windowStart: Date;
  windowEnd: Date;
  severity: FraudSeverity;
  summary: string;
  figures: Record<string, string | number | boolean | null>;
  samples: SampleCall[];
}

const SEVERITIES = [FraudSeverity.LOW, FraudSeverity.MEDIUM, FraudSeverity.HIGH, FraudSeverity.CRITICAL];

/** A rule's usual severity, one step up when the figure is three times its threshold or more. */
export function severityFor(base: FraudSeverity, ratio: number): FraudSeverity {
  const at = SEVERITIES.indexOf(base);
  return ratio >= 3 ? SEVERITIES[Math.min(at + 1, SEVERITIES.length - 1)] : base;
}

/** A partner's spend in one window (an hour, or a local day), in its currency. */
export interface SpendWindow {
  start: Date;
  end: Date;
  spend: Decimal;
  currency: string;
}

/** Spend windows over the rule's cap. */
export function spendFindings(rule: FraudRule.SPEND_PER_HOUR | FraudRule.SPEND_PER_DAY, config: SpendRule, windows: SpendWindow[]): Finding[] {
  if (!config.enabled || config.cap === null) return [];
  const cap = new Decimal(config.cap);
  const span = rule === FraudRule.SPEND_PER_HOUR ? "hour" : "day";
  return windows
    .filter((w) => w.spend.gt(cap))
    .map((w) => ({
      rule,
      subject: "spend",
      windowStart: w.start,
      windowEnd: w.end,
      severity: severityFor(FraudSeverity.HIGH, w.spend.div(cap).toNumber()),
      summary: `Spend of ${w.spend.toFixed()} ${w.currency} in the ${span} from ${w.start.toISOString()} is over the cap of ${cap.toFixed()} ${w.currency}`,
      figures: { spend: w.spend.toFixed(), cap: cap.toFixed(), currency: w.currency },
      samples: [],
    }));
}

/** Billed seconds to one destination in one hour, and in the `baselineDays` of hours before it. */
export interface DestinationHour {
  destination: string;
  hour: Date;
  seconds: number;
  baselineSeconds: number;
  /** Some of the baseline is more than a day old: a destination whose traffic began today has no baseline yet. */
  settledBaseline: boolean;
}

/**
 * Hours whose minutes to a destination are over `multiplier` × its trailing hourly average. A destination without a
 * settled baseline (no traffic before the last day) is NEW_DESTINATION's to judge: its first hours are not surges.
 */
export function surgeFindings(config: SurgeRule, cells: DestinationHour[]): Finding[] {
  if (!config.enabled) return [];
  const baselineHours = config.baselineDays * 24;
  const findings: Finding[] = [];
  for (const c of cells) {
    const minutes = c.seconds / 60;
    const average = c.baselineSeconds / 60 / baselineHours;
    if (!c.settledBaseline || minutes < config.minMinutes || average <= 0 || minutes <= config.multiplier * average) continue;
    const ratio = minutes / average;
    findings.push({
      rule: FraudRule.DESTINATION_SURGE,
      subject: c.destination,
      windowStart: c.hour,
      windowEnd: new Date(c.hour.getTime() + HOUR_MS),
      severity: severityFor(FraudSeverity.MEDIUM, ratio / config.multiplier),
      summary: `${round(minutes)} minutes to ${c.destination} in the hour from ${c.hour.toISOString()}: ${round(ratio)}× its ${config.baselineDays}-day hourly average of ${round(average)}`,
      figures: { minutes: round(minutes), baselineMinutesPerHour: round(average), baselineDays: config.baselineDays, ratio: round(ratio), multiplier: config.multiplier, minMinutes: config.minMinutes },
      samples: [],
    });
  }
  return findings;
}

/** Calls to a destination in the recent window (the last 24 hours of the batch), and whether it had any in the trailing days before. */
export interface RecentDestination {
  destination: string;
  recentCalls: number;
  trailingSeen: boolean;
}

/** Windows of NEW_DESTINATION: the recent 24 hours, the trailing days before them, and the UTC day alerts are kept once per. */
export interface NewDestinationWindows {
  recentStart: Date;
  recentEnd: Date;
  trailingStart: Date;
  day: Date;
}

/**
 * Destinations with no traffic in the trailing window that got `minCalls` or more since. A partner with no traffic at all
 * in the trailing window is new itself: every destination would be new, so the rule stays quiet.
 */
export function newDestinationFindings(config: NewDestinationRule, windows: NewDestinationWindows, establishedPartner: boolean, rows: RecentDestination[]): Finding[] {
  if (!config.enabled || !establishedPartner) return [];
  return rows
    .filter((r) => !r.trailingSeen && r.recentCalls >= config.minCalls)
    .map((r) => ({
      rule: FraudRule.NEW_DESTINATION,
      subject: r.destination,
      windowStart: windows.day,
      windowEnd: new Date(windows.day.getTime() + DAY_MS),
      severity: severityFor(FraudSeverity.MEDIUM, r.recentCalls / config.minCalls),
      summary: `${r.recentCalls} calls to ${r.destination}, a destination without traffic in the ${config.trailingDays} days before`,
      figures: {
        calls: r.recentCalls, minCalls: config.minCalls, trailingDays: config.trailingDays,
        recentFrom: windows.recentStart.toISOString(), recentTo: windows.recentEnd.toISOString(), trailingFrom: windows.trailingStart.toISOString(),
      },
      samples: [],
    }));
}

/** Calls of a customer counted in one window against one subject (an IRSF range, a number range). */
export interface WindowCount {
  subject: string;
  name: string;
  windowStart: Date;
  windowEnd: Date;
  calls: number;
  seconds: number;
  samples: SampleCall[];
}

export function irsfFindings(config: IrsfRule, counts: WindowCount[]): Finding[] {
  if (!config.enabled) return [];
  return counts
    .filter((c) => c.calls >= config.minCalls)
    .map((c) => ({
      rule: FraudRule.IRSF_RANGE,
      subject: c.subject,
      windowStart: c.windowStart,
      windowEnd: c.windowEnd,
      severity: severityFor(FraudSeverity.HIGH, c.calls / config.minCalls),
      summary: `${c.calls} call(s) to the IRSF range ${c.subject}${c.name ? ` (${c.name})` : ""} on ${c.windowStart.toISOString().slice(0, 10)}`,
      figures: { calls: c.calls, seconds: c.seconds, minCalls: config.minCalls, range: c.subject, rangeName: c.name },
      samples: c.samples,
    }));
}

export function pumpingFindings(config: PumpingRule, counts: WindowCount[]): Finding[] {
  if (!config.enabled) return [];
  return counts
    .filter((c) => c.calls >= config.minCalls)
    .map((c) => ({
      rule: FraudRule.TRAFFIC_PUMPING,
      subject: c.subject,
      windowStart: c.windowStart,
      windowEnd: c.windowEnd,
      severity: severityFor(FraudSeverity.HIGH, c.calls / config.minCalls),
      summary: `${c.calls} answered calls shorter than ${config.maxSeconds} s to the number range ${c.subject}${"x".repeat(config.rangeDigits)} within ${config.windowMinutes} minutes`,
      figures: { calls: c.calls, seconds: c.seconds, minCalls: config.minCalls, maxSeconds: config.maxSeconds, windowMinutes: config.windowMinutes, range: `${c.subject}${"x".repeat(config.rangeDigits)}` },
      samples: c.samples,
    }));
}

const round = (n: number) => Math.round(n * 100) / 100;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
