import type { Decimal } from "@intersettle/shared";
import { InvoiceSide } from "../billing/invoice-side";
import type { UsedExchangeRate } from "../billing/invoice-totals";
import type { DocumentKind } from "../netting/settlement-document";

/** Local dates (YYYY-MM-DD), both inclusive, in the document's timezone. */
export interface LocalDateRange {
  from: string;
  to: string;
}

/** One side of a document as printed: who issues it, or who it is addressed to. */
export interface DocumentParty {
  name: string;
  addressLines: string[];
  taxId?: string;
  email?: string;
}

/** A printed line: usage of one destination and service at one rate. */
export interface InvoiceDocumentLine {
  description: string;
  destination: string;
  service: string;
  /** Only when the line belongs to another period than the document (an adjustment of an earlier one). */
  period?: LocalDateRange;
  calls: number;
  /** Already written for a reader, with its unit: "123.45 min", "1,200 SMS". */
  quantity: string;
  rate: Decimal;
  rateCurrency: string;
  /** 1 rateCurrency = exchangeRate document currency; absent or null when the rate is in the document currency. */
  exchangeRate?: Decimal | null;
  /** In the document currency, rounded to its minor units. */
  net: Decimal;
}

/**
 * Everything printed on an invoice or a note, as data: the renderer decides nothing about amounts. Amounts are in
 * `currency`, rounded to its minor units, and printed as given (a credit note's amounts are the amounts credited).
 * RECEIVABLE: we are the issuer and bill the partner. PAYABLE: the partner is the issuer and the document is our record
 * of the bill we expect from it, titled so that nobody takes it for a bill of ours.
 */
export interface InvoiceDocument {
  kind: DocumentKind;
  side: InvoiceSide;
  number: string;
  issueDate: string;
  dueDate: string;
  period: LocalDateRange;
  /** The IANA timezone the dates are local to (the partner's). */
  timezone: string;
  currency: string;
  issuer: DocumentParty;
  recipient: DocumentParty;
  lines: InvoiceDocumentLine[];
  /** Sum of the lines' nets. */
  net: Decimal;
  taxRatePercent: Decimal;
  tax: Decimal;
  /** net + tax. */
  gross: Decimal;
  exchangeRates: UsedExchangeRate[];
  /** Free text lines: bank name, IBAN or account number, SWIFT, payment reference. */
  paymentDetails: string[];
  /** For a note: the number of the invoice it corrects. */
  corrects?: string;
  notes?: string;
}

const KIND_TITLES: Record<DocumentKind, string> = { INVOICE: "Invoice", CREDIT_NOTE: "Credit note", DEBIT_NOTE: "Debit note" };

/** The title printed on the document: "Invoice", "Credit note", or for a payable "Expected vendor invoice". */
export function invoiceDocumentTitle(doc: Pick<InvoiceDocument, "kind" | "side">): string {
  const title = KIND_TITLES[doc.kind];
  return doc.side === InvoiceSide.PAYABLE ? `Expected vendor ${title.toLowerCase()}` : title;
}
