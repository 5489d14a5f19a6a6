import { Decimal } from "@intersettle/shared";
import { DisputeStatus } from "./dispute-lifecycle";
import { disputeOutcome, disputedAmount, type DisputedFigures } from "./dispute-settlement";

/** One dispute as the reports read it. `settled` is set once it is RESOLVED or CLOSED. */
export interface ReportedDispute extends DisputedFigures {
  partnerId: string;
  currency: string;
  status: DisputeStatus;
  openedAt: Date;
  settled: Decimal | null;
}

/** Disputed, recovered (our figure stood) and written-off (theirs stood) amounts of one partner in one currency. */
export interface DisputeSummaryRow {
  partnerId: string;
  currency: string;
  disputes: number;
  unresolved: number;
  disputed: Decimal;
  recovered: Decimal;
  writtenOff: Decimal;
}

const byPartnerCurrency = <T extends { partnerId: string; currency: string }>(a: T, b: T) =>
  a.partnerId === b.partnerId ? (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0) : a.partnerId < b.partnerId ? -1 : 1;

/** A row per partner and currency (currencies are never added together), sorted by partner then currency. */
export function disputeSummary(disputes: readonly ReportedDispute[]): DisputeSummaryRow[] {
  const rows = new Map<string, DisputeSummaryRow>();
  for (const d of disputes) {
    const key = `${d.partnerId}/${d.currency}`;
    const row = rows.get(key) ?? { partnerId: d.partnerId, currency: d.currency, disputes: 0, unresolved: 0, disputed: new Decimal(0), recovered: new Decimal(0), writtenOff: new Decimal(0) };
    rows.set(key, row);
    row.disputes++;
    row.disputed = row.disputed.plus(disputedAmount(d));
    if (d.settled === null) {
      row.unresolved++;
      continue;
    }
    const outcome = disputeOutcome(d, d.settled);
    row.recovered = row.recovered.plus(outcome.recovered);
    row.writtenOff = row.writtenOff.plus(outcome.writtenOff);
  }
  return [...rows.values()].sort(byPartnerCurrency);
}

/** Days since a dispute was opened: 0–30, 31–60, 61–90, more than 90. */
export type DisputeAgeBucket = "DAYS_0_30" | "DAYS_31_60" | "DAYS_61_90" | "DAYS_OVER_90";
export const DISPUTE_AGE_BUCKETS: readonly DisputeAgeBucket[] = ["DAYS_0_30", "DAYS_31_60", "DAYS_61_90", "DAYS_OVER_90"];

/** Whole days elapsed (a dispute opened 30 days and 23 hours ago is 30 days old). */
export function disputeAgeBucket(openedAt: Date, asOf: Date): DisputeAgeBucket {
  const days = Math.floor((asOf.getTime() - openedAt.getTime()) / 86_400_000);
  if (days <= 30) return "DAYS_0_30";
  if (days <= 60) return "DAYS_31_60";
  if (days <= 90) return "DAYS_61_90";
  return "DAYS_OVER_90";
}

export interface DisputeAgeingRow {
  partnerId: string;
  currency: string;
  /** How many unresolved disputes, and how much is disputed, in each bucket. */
  counts: Record<DisputeAgeBucket, number>;
  amounts: Record<DisputeAgeBucket, Decimal>;
  total: Decimal;
}

/** Unresolved disputes (OPEN, SUBMITTED, IN_REVIEW) by age at `asOf`, a row per partner and currency. */
export function disputeAgeing(disputes: readonly ReportedDispute[], asOf: Date): DisputeAgeingRow[] {
  const rows = new Map<string, DisputeAgeingRow>();
  for (const d of disputes) {
    if (d.status === DisputeStatus.RESOLVED || d.status === DisputeStatus.CLOSED) continue;
    const key = `${d.partnerId}/${d.currency}`;
    let row = rows.get(key);
    if (!row) {
      row = { partnerId: d.partnerId, currency: d.currency, counts: { DAYS_0_30: 0, DAYS_31_60: 0, DAYS_61_90: 0, DAYS_OVER_90: 0 }, amounts: { DAYS_0_30: new Decimal(0), DAYS_31_60: new Decimal(0), DAYS_61_90: new Decimal(0), DAYS_OVER_90: new Decimal(0) }, total: new Decimal(0) };
      rows.set(key, row);
    }
    const bucket = disputeAgeBucket(d.openedAt, asOf);
    const amount = disputedAmount(d);
    row.counts[bucket]++;
    row.amounts[bucket] = row.amounts[bucket].plus(amount);
    row.total = row.total.plus(amount);
  }
  return [...rows.values()].sort(byPartnerCurrency);
}
