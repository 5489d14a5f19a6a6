import { registerEnumType } from "type-graphql";
import { InvoiceLineKind, InvoiceSide, UsageUnit } from "../domain";

/** An invoice, or a note correcting an issued one. */
export enum DocumentKind {
  INVOICE = "INVOICE",
  DEBIT_NOTE = "DEBIT_NOTE",
  CREDIT_NOTE = "CREDIT_NOTE",
}

/**
 * DRAFT (changeable, re-built by billing runs) → APPROVED → ISSUED (numbered, immutable) → PARTIALLY_PAID / PAID /
 * OVERDUE as payments arrive and due dates pass; VOID only when a credit note cancels the whole of it.
 */
export enum InvoiceStatus {
  DRAFT = "DRAFT",
  APPROVED = "APPROVED",
  ISSUED = "ISSUED",
  PARTIALLY_PAID = "PARTIALLY_PAID",
  PAID = "PAID",
  OVERDUE = "OVERDUE",
  VOID = "VOID",
}

export enum PaymentDirection {
  RECEIVED = "RECEIVED",
  MADE = "MADE",
}

export enum DeliveryStatus {
  PENDING = "PENDING",
  SENT = "SENT",
  FAILED = "FAILED",
}

/** How a billing run was started. */
export enum BillingRunTrigger {
  SCHEDULE = "SCHEDULE",
  ON_DEMAND = "ON_DEMAND",
}

registerEnumType(InvoiceSide, { name: "InvoiceSide", description: "RECEIVABLE: the partner owes us (its SELL leg). PAYABLE: we owe the partner (its BUY leg)." });
registerEnumType(InvoiceLineKind, { name: "InvoiceLineKind", description: "USAGE of the invoice's period, or an ADJUSTMENT of an earlier, already invoiced period (late CDRs, re-rating)." });
registerEnumType(UsageUnit, { name: "UsageUnit" });
registerEnumType(DocumentKind, { name: "DocumentKind" });
registerEnumType(InvoiceStatus, { name: "InvoiceStatus" });
registerEnumType(PaymentDirection, { name: "PaymentDirection", description: "RECEIVED from the partner (pays receivables) or MADE to it (pays payables)." });
registerEnumType(DeliveryStatus, { name: "DeliveryStatus" });
registerEnumType(BillingRunTrigger, { name: "BillingRunTrigger" });

export { InvoiceLineKind, InvoiceSide, UsageUnit };

/** Open to payments: issued and not settled. */
export const PAYABLE_STATUSES = [InvoiceStatus.ISSUED, InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.OVERDUE];
