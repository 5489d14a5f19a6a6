// Xero's CSV import of sales invoices and of bills.
// Sources: Xero help, "Import invoices, bills and credit notes into Xero"
//   (http://help.xero.com/Help/Accounts_InvoiceImport.htm): import with Xero's template CSV, invoices and bills in
//   separate batches, credit notes as invoices or bills with negative amounts.
// Column headers as Xero's downloaded templates spell them (required columns start with "*"), cross-checked against
//   the field guide at https://online.flippingbook.com/view/399081/31/ (dates DD/MM/YYYY; Total and Tax Amount
//   columns calculated by Xero when left out) and public integrations that write the same templates.
import type { Decimal } from "@intersettle/shared";
import { InvoiceSide } from "../billing/invoice-side";
import { csvText, dayMonthYear, monthDayYear, plainDecimal } from "./csv";
import { checkExportDocument, type ExportDocument, type ExportLine } from "./export-document";

/** Xero's sales invoice template header, in its order. */
export const XERO_SALES_INVOICE_HEADER = [
  "*ContactName", "EmailAddress", "POAddressLine1", "POAddressLine2", "POAddressLine3", "POAddressLine4", "POCity",
  "PORegion", "POPostalCode", "POCountry", "*InvoiceNumber", "Reference", "*InvoiceDate", "*DueDate", "Total",
  "InventoryItemCode", "*Description", "*Quantity", "*UnitAmount", "Discount", "*AccountCode", "*TaxType", "TaxAmount",
  "TrackingName1", "TrackingOption1", "TrackingName2", "TrackingOption2", "Currency", "BrandingTheme",
] as const;

/** Xero's bill (purchase invoice) template header, in its order: no Reference, Discount or BrandingTheme. */
export const XERO_BILL_HEADER = [
  "*ContactName", "EmailAddress", "POAddressLine1", "POAddressLine2", "POAddressLine3", "POAddressLine4", "POCity",
  "PORegion", "POPostalCode", "POCountry", "*InvoiceNumber", "*InvoiceDate", "*DueDate", "Total", "InventoryItemCode",
  "Description", "*Quantity", "*UnitAmount", "*AccountCode", "*TaxType", "TaxAmount", "TrackingName1",
  "TrackingOption1", "TrackingName2", "TrackingOption2", "Currency",
] as const;

export type XeroSalesInvoiceRow = Record<(typeof XERO_SALES_INVOICE_HEADER)[number], string>;
export type XeroBillRow = Record<(typeof XERO_BILL_HEADER)[number], string>;

/**
 * Xero reads the dates in the organisation's regional format: day first for UK, EU, AU and NZ organisations, month
 * first for US ones. It does not document ISO dates for this import, so the caller says which the organisation uses.
 */
export type XeroDateOrder = "DAY_FIRST" | "MONTH_FIRST";

export interface XeroExportOptions {
  dateOrder: XeroDateOrder;
}

/** Xero recomputes a line as Quantity x UnitAmount and keeps at most four decimals in either. */
const XERO_MAX_DECIMALS = 4;

/**
 * Quantity and unit amount as Xero should get them. Xero computes the line amount itself, so the rated quantity and
 * rate go out only when their product is exactly the printed net; otherwise (the net was rounded, or the rate has
 * more decimals than Xero keeps) the line goes as 1 x net, so the imported invoice totals what was issued.
 * A credit note's amounts are negated: Xero imports credit notes as invoices or bills with negative amounts.
 */
function xeroLineAmounts(line: ExportLine, sign: 1 | -1): { quantity: string; unitAmount: string; taxAmount: string } {
  const exact = line.quantity.times(line.unitAmount).equals(line.net)
    && line.quantity.decimalPlaces() <= XERO_MAX_DECIMALS && line.unitAmount.decimalPlaces() <= XERO_MAX_DECIMALS
    && !line.quantity.isZero();
  const signed = (amount: Decimal) => plainDecimal(amount.times(sign));
  return exact
    ? { quantity: plainDecimal(line.quantity), unitAmount: signed(line.unitAmount), taxAmount: signed(line.tax) }
    : { quantity: "1", unitAmount: signed(line.net), taxAmount: signed(line.tax) };
}

function xeroDate(isoDate: string, options: XeroExportOptions): string {
  return options.dateOrder === "DAY_FIRST" ? dayMonthYear(isoDate) : monthDayYear(isoDate);
}

/** The fields both templates share, for one line of one document. */
function xeroCommonFields(document: ExportDocument, line: ExportLine, options: XeroExportOptions) {
  const amounts = xeroLineAmounts(line, document.kind === "CREDIT_NOTE" ? -1 : 1);
  return {
    "*ContactName": document.contactName, EmailAddress: document.billingEmail,
    POAddressLine1: "", POAddressLine2: "", POAddressLine3: "", POAddressLine4: "",
    POCity: "", PORegion: "", POPostalCode: "", POCountry: "",
    "*InvoiceNumber": document.number,
    "*InvoiceDate": xeroDate(document.issueDate, options), "*DueDate": xeroDate(document.dueDate, options),
    // Left empty: Xero calculates the total from the lines, and a total of ours could only disagree.
    Total: "", InventoryItemCode: "",
    "*Quantity": amounts.quantity, "*UnitAmount": amounts.unitAmount,
    "*AccountCode": line.accountCode, "*TaxType": line.taxCode,
    // Given, not left to Xero: the tax was computed on the invoice net, and Xero's per-line tax could differ by a cent.
    TaxAmount: amounts.taxAmount,
    TrackingName1: "", TrackingOption1: "", TrackingName2: "", TrackingOption2: "",
    Currency: document.currency,
  };
}

function checkSide(document: ExportDocument, side: InvoiceSide, what: string): void {
  checkExportDocument(document);
  if (document.side !== side) throw new RangeError(`document ${document.number} is ${document.side}, not for the ${what} import`);
}

/** One row per line of each receivable document, in Xero's sales invoice layout. */
export function xeroSalesInvoiceRows(documents: readonly ExportDocument[], options: XeroExportOptions): XeroSalesInvoiceRow[] {
  return documents.flatMap((document) => {
    checkSide(document, InvoiceSide.RECEIVABLE, "Xero sales invoice");
    return document.lines.map((line) => ({
      ...xeroCommonFields(document, line, options),
      Reference: document.reference ?? "", "*Description": line.description, Discount: "", BrandingTheme: "",
    }));
  });
}

/** One row per line of each payable document, in Xero's bill layout. */
export function xeroBillRows(documents: readonly ExportDocument[], options: XeroExportOptions): XeroBillRow[] {
  return documents.flatMap((document) => {
    checkSide(document, InvoiceSide.PAYABLE, "Xero bill");
    return document.lines.map((line) => ({ ...xeroCommonFields(document, line, options), Description: line.description }));
  });
}

/** The CSV file for Xero's sales invoice import. */
export function xeroSalesInvoiceCsv(documents: readonly ExportDocument[], options: XeroExportOptions): string {
  const rows = xeroSalesInvoiceRows(documents, options);
  return csvText(XERO_SALES_INVOICE_HEADER, rows.map((row) => XERO_SALES_INVOICE_HEADER.map((column) => row[column])));
}

/** The CSV file for Xero's bill import. */
export function xeroBillCsv(documents: readonly ExportDocument[], options: XeroExportOptions): string {
  const rows = xeroBillRows(documents, options);
  return csvText(XERO_BILL_HEADER, rows.map((row) => XERO_BILL_HEADER.map((column) => row[column])));
}
