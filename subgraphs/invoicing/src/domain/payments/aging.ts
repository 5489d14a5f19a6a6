import { Decimal } from "@intersettle/shared";
import { daysPastDue } from "./days-past-due";
import type { InvoiceSide } from "../billing/invoice-side";
import type { OpenInvoice } from "./open-invoice";

/** CURRENT: not yet past due (the due date included); then days past due 1–30, 31–60, 61–90 and more than 90. */
export type AgingBucket = "CURRENT" | "DAYS_1_30" | "DAYS_31_60" | "DAYS_61_90" | "DAYS_OVER_90";

export const AGING_BUCKETS: readonly AgingBucket[] = ["CURRENT", "DAYS_1_30", "DAYS_31_60", "DAYS_61_90", "DAYS_OVER_90"];

/** One partner's open amounts of one side in one currency, by how late they are. */
export interface AgingRow {
  side: InvoiceSide;
  currency: string;
  buckets: Record<AgingBucket, Decimal>;
  /** The sum of the buckets: everything open on that side in that currency. */
  total: Decimal;
}

export function agingBucket(daysLate: number): AgingBucket {
  if (daysLate <= 0) return "CURRENT";
  if (daysLate <= 30) return "DAYS_1_30";
  if (daysLate <= 60) return "DAYS_31_60";
  if (daysLate <= 90) return "DAYS_61_90";
  return "DAYS_OVER_90";
}

/**
 * Aging of one partner's open invoices as of `asOf`, with days past due counted in the partner's `timezone`: a row
 * per side and currency (receivables and payables are never added together, nor are currencies), sorted by side
 * then currency. Only sums of the invoices' open amounts, so the buckets add up exactly to the row's total.
 */
export function agingReport(invoices: Array<Pick<OpenInvoice, "side" | "currency" | "dueDate" | "openAmount">>, asOf: Date, timezone: string): AgingRow[] {
  const rows = new Map<string, AgingRow>();
  for (const invoice of invoices) {
    if (invoice.openAmount.isZero()) continue;
    const key = `${invoice.side}/${invoice.currency}`;
    let row = rows.get(key);
    if (!row) {
      row = { side: invoice.side, currency: invoice.currency, buckets: emptyBuckets(), total: new Decimal(0) };
      rows.set(key, row);
    }
    const bucket = agingBucket(daysPastDue(invoice.dueDate, asOf, timezone));
    row.buckets[bucket] = row.buckets[bucket].plus(invoice.openAmount);
    row.total = row.total.plus(invoice.openAmount);
  }
  return [...rows.values()].sort((a, b) => (a.side === b.side ? compare(a.currency, b.currency) : compare(a.side, b.side)));
}

function emptyBuckets(): Record<AgingBucket, Decimal> {
  return Object.fromEntries(AGING_BUCKETS.map((b) => [b, new Decimal(0)])) as Record<AgingBucket, Decimal>;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
