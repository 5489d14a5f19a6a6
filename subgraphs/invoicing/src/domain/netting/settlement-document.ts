import type { Decimal } from "@intersettle/shared";
import type { InvoiceSide } from "../billing/invoice-side";

/** An invoice, or a note correcting one: a debit note adds to what is owed, a credit note takes from it. */
export type DocumentKind = "INVOICE" | "DEBIT_NOTE" | "CREDIT_NOTE";

/**
 * An issued document between us and one partner. `total` is as printed (positive, tax included, in the currency's
 * minor units); the kind gives its sign. `issueDate` is the local date in the partner's timezone.
 */
export interface SettlementDocument {
  id: string;
  number: string;
  side: InvoiceSide;
  kind: DocumentKind;
  currency: string;
  issueDate: string;
  total: Decimal;
}

/** What the document adds to its side's balance: the total, negated for a credit note. */
export function signedTotal(document: Pick<SettlementDocument, "kind" | "total">): Decimal {
  return document.kind === "CREDIT_NOTE" ? document.total.negated() : document.total;
}
