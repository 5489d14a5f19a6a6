import type { InvoiceLine } from "./invoice-line";
import { invoiceLinesToAdd, type BillingRunInput } from "./invoice-lines";
import { invoiceTotals, type InvoiceTotals } from "./invoice-totals";

export interface BillingRunResult {
  /** Lines to add; empty when the period is billed already and its usage has not changed. */
  lines: InvoiceLine[];
  /** Totals of a draft made of exactly these lines. */
  totals: InvoiceTotals;
}

/** One billing run for a partner, side and period: the lines to add and the draft they make. Pure. */
export function billingRun(input: BillingRunInput): BillingRunResult {
  const lines = invoiceLinesToAdd(input);
  return { lines, totals: invoiceTotals(lines, input.terms) };
}
