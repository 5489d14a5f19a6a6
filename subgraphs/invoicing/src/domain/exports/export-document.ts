import { Decimal, isCurrencyCode, isIsoDate } from "@intersettle/shared";
import type { InvoiceSide } from "../billing/invoice-side";
import type { DocumentKind } from "../netting/settlement-document";

/** One line as it goes to the ledger: amounts as printed, codes from the accounting configuration. */
export interface ExportLine {
  description: string;
  quantity: Decimal;
  unitAmount: Decimal;
  /** Net amount as printed on the document. */
  net: Decimal;
  /** The line's share of the document's tax, as printed. */
  tax: Decimal;
  /** Xero account code, or Sage nominal code, the line is posted to. */
  accountCode: string;
  /** Xero tax rate name (e.g. "20% (VAT on Income)"), or Sage tax code (e.g. "T1"). */
  taxCode: string;
}

/**
 * An issued invoice or note as an accounting export takes it. Amounts are as printed — positive on a credit note;
 * each layout gives the sign its own way. Dates are local YYYY-MM-DD in the partner's timezone.
 */
export interface ExportDocument {
  side: InvoiceSide;
  kind: DocumentKind;
  number: string;
  /** The partner as the ledger names the contact (Xero matches contacts on this name). */
  contactName: string;
  billingEmail: string;
  /** The partner's customer or supplier account reference in Sage (its "A/C", up to 8 characters). */
  accountReference: string;
  /** Our reference printed on the document, if any (Xero "Reference", Sage "Extra Reference"). */
  reference?: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  net: Decimal;
  tax: Decimal;
  lines: ExportLine[];
}

/**
 * Refuses a document an export would misstate: lines that do not add up to the printed net and tax, a date that
 * is not YYYY-MM-DD, an unknown currency. An export that silently differed from the issued invoice would leave the
 * ledger out of step with what the partner received.
 */
export function checkExportDocument(document: ExportDocument): void {
  const where = `document ${document.number}`;
  if (document.lines.length === 0) throw new RangeError(`${where} has no lines`);
  for (const date of [document.issueDate, document.dueDate]) {
    if (!isIsoDate(date)) throw new RangeError(`${where}: '${date}' is not a YYYY-MM-DD date`);
  }
  if (!isCurrencyCode(document.currency)) throw new RangeError(`${where}: unknown currency ${document.currency}`);
  const net = document.lines.reduce((sum, line) => sum.plus(line.net), new Decimal(0));
  const tax = document.lines.reduce((sum, line) => sum.plus(line.tax), new Decimal(0));
  if (!net.equals(document.net)) throw new RangeError(`${where}: lines add up to net ${net.toFixed()}, not ${document.net.toFixed()}`);
  if (!tax.equals(document.tax)) throw new RangeError(`${where}: lines add up to tax ${tax.toFixed()}, not ${document.tax.toFixed()}`);
}
