// Sage 50 Accounts (UK) import of audit trail transactions: batch sales and purchase invoices and credits.
// Sources: Sage knowledgebase "Import file format rules"
//   (https://gb-kb.sage.com/portal/app/portlets/results/viewsolution.jsp?hypermediatext=null&solutionid=200427112602335:
//   the Audit Trail Transaction template; SI/SC/PI/PC import as audit trail transactions, grouped by account,
//   date and reference), "What you can import" (https://gb-kb.sage.com/portal/app/portlets/results/view2.jsp?k2dockey=200427112357427),
//   the transaction type codes (https://gb-kb.sage.com/portal/app/portlets/results/viewsolution.jsp?solutionid=200427112211627&view=print),
//   and the column order of the audit trail import (https://www.makingithappen.co.uk/CI/std/audittrans.htm:
//   type, account ref, nominal code, department, date, reference, details, net, tax code, tax amount, exchange rate,
//   extra ref, user name, project, cost code). Dates DD/MM/YYYY and amounts "8 digits + 2 decimal places" as Sage's
//   data fields articles give them (e.g. https://gb-kb.sage.com/portal/app/portlets/results/view2.jsp?k2dockey=250321114539860);
//   field sizes (account 8, reference 30, details 60) as listed at http://excel2sage.co.uk/HTMLHelp/AuditTrial.html.
import { Decimal } from "@intersettle/shared";
import { InvoiceSide } from "../billing/invoice-side";
import { csvText, dayMonthYear, plainDecimal } from "./csv";
import { checkExportDocument, type ExportDocument } from "./export-document";

/** The audit trail transaction template's header, in its order. */
export const SAGE_BATCH_TRANSACTION_HEADER = [
  "Type", "Account Reference", "Nominal A/C Ref", "Department Code", "Date", "Reference", "Details", "Net Amount",
  "Tax Code", "Tax Amount", "Exchange Rate", "Extra Reference", "User Name", "Project Refn", "Cost Code Refn",
] as const;

export type SageBatchTransactionRow = Record<(typeof SAGE_BATCH_TRANSACTION_HEADER)[number], string>;

/** Sales invoice, sales credit, purchase invoice, purchase credit. */
export type SageTransactionType = "SI" | "SC" | "PI" | "PC";

export interface SageExportOptions {
  /** Sage department number for every line, if departments are used. */
  departmentCode?: string;
}

/** Field sizes of Sage's audit trail: longer values are refused by the import. */
const ACCOUNT_REFERENCE_SIZE = 8;
const REFERENCE_SIZE = 30;
const DETAILS_SIZE = 60;
/** Sage amounts are "8 digits + 2 decimal places". */
const AMOUNT_DECIMALS = 2;

/** A credit note is a credit (SC, PC) on its ledger; an invoice or a debit note is an invoice (SI, PI). */
export function sageTransactionType(document: Pick<ExportDocument, "side" | "kind">): SageTransactionType {
  const credit = document.kind === "CREDIT_NOTE";
  return document.side === InvoiceSide.RECEIVABLE ? (credit ? "SC" : "SI") : (credit ? "PC" : "PI");
}

function sageAmount(amount: Decimal, where: string): string {
  if (amount.decimalPlaces() > AMOUNT_DECIMALS) throw new RangeError(`${where}: Sage takes ${AMOUNT_DECIMALS} decimals, not ${amount.toFixed()}`);
  return plainDecimal(amount, AMOUNT_DECIMALS);
}

function limited(value: string, size: number, what: string, where: string): string {
  if (value.length > size) throw new RangeError(`${where}: Sage's ${what} takes ${size} characters, '${value}' has ${value.length}`);
  return value;
}

/**
 * One row per line of each document. Amounts stay as printed (positive on a credit note): the type, SC or PC, makes
 * it a credit, as in Sage's batch credit entry. Details are cut to Sage's 60 characters (they only describe); the
 * references are refused when too long, since a cut reference would no longer find the document.
 */
export function sageBatchTransactionRows(documents: readonly ExportDocument[], options: SageExportOptions = {}): SageBatchTransactionRow[] {
  return documents.flatMap((document) => {
    checkExportDocument(document);
    const where = `document ${document.number}`;
    const type = sageTransactionType(document);
    const accountReference = limited(document.accountReference, ACCOUNT_REFERENCE_SIZE, "Account Reference", where);
    if (accountReference === "") throw new RangeError(`${where} has no Sage account reference`);
    const reference = limited(document.number, REFERENCE_SIZE, "Reference", where);
    const extraReference = limited(document.reference ?? "", REFERENCE_SIZE, "Extra Reference", where);
    return document.lines.map((line) => ({
      Type: type,
      "Account Reference": accountReference,
      "Nominal A/C Ref": line.accountCode,
      "Department Code": options.departmentCode ?? "",
      Date: dayMonthYear(document.issueDate),
      Reference: reference,
      Details: Array.from(line.description).slice(0, DETAILS_SIZE).join(""),
      "Net Amount": sageAmount(line.net, where),
      "Tax Code": line.taxCode,
      "Tax Amount": sageAmount(line.tax, where),
      // Left empty: Sage then uses the rate held for the account's currency.
      "Exchange Rate": "",
      "Extra Reference": extraReference,
      "User Name": "",
      "Project Refn": "",
      "Cost Code Refn": "",
    }));
  });
}

/** The CSV file for Sage 50's audit trail transaction import. */
export function sageBatchTransactionCsv(documents: readonly ExportDocument[], options: SageExportOptions = {}): string {
  const rows = sageBatchTransactionRows(documents, options);
  return csvText(SAGE_BATCH_TRANSACTION_HEADER, rows.map((row) => SAGE_BATCH_TRANSACTION_HEADER.map((column) => row[column])));
}
