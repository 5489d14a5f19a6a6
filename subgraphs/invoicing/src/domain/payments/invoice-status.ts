import type { Decimal } from "@intersettle/shared";
import { daysPastDue } from "./days-past-due";

/** Where an issued invoice stands with its payments. DRAFT and VOID belong to the lifecycle, not to payments. */
export type PaymentStatus = "ISSUED" | "PARTIALLY_PAID" | "PAID" | "OVERDUE";

export interface InvoiceAmounts {
  total: Decimal;
  /** What is still to pay: the total less payments allocated and credit notes applied. */
  openAmount: Decimal;
  /** Local date (YYYY-MM-DD) in the partner's timezone; the invoice is overdue from the day after. */
  dueDate: string;
}

/**
 * The status an issued invoice has at `asOf`: PAID once nothing is open; OVERDUE while something is open after
 * the due date (it takes precedence over PARTIALLY_PAID, since it is what credit control acts on); PARTIALLY_PAID
 * when part of the total is settled; otherwise ISSUED.
 */
export function invoiceStatus(invoice: InvoiceAmounts, asOf: Date, timezone: string): PaymentStatus {
  if (invoice.openAmount.lte(0)) return "PAID";
  if (daysPastDue(invoice.dueDate, asOf, timezone) > 0) return "OVERDUE";
  if (invoice.openAmount.lt(invoice.total)) return "PARTIALLY_PAID";
  return "ISSUED";
}
