import { clipText, currencyProblem, Decimal, isIsoDate, timezoneProblem } from "@intersettle/shared";
import { InvoiceSide } from "../billing/invoice-side";
import { minorUnitsProblem } from "../payments/minor-units";
import type { DocumentParty, InvoiceDocument, InvoiceDocumentLine, LocalDateRange } from "./invoice-document";

const KINDS = ["INVOICE", "CREDIT_NOTE", "DEBIT_NOTE"];

/**
 * Checks that a document can be printed as it stands, or throws a RangeError starting with the field at fault
 * ("lines.3.net: …"): known kind, side, currency and timezone, real dates in order, amounts rounded to the currency,
 * the lines' nets adding up to the net exactly and net + tax to the gross. A document that fails was assembled wrongly;
 * printing it would put a total on paper that nobody owes.
 */
export function checkInvoiceDocument(doc: InvoiceDocument): void {
  if (!KINDS.includes(doc.kind)) fail("kind", `must be one of ${KINDS.join(", ")}, not '${clipText(String(doc.kind))}'`);
  if (!Object.values<string>(InvoiceSide).includes(doc.side)) fail("side", `must be RECEIVABLE or PAYABLE, not '${clipText(String(doc.side))}'`);
  if (!doc.number?.trim()) fail("number", "must not be empty");
  if (doc.kind === "INVOICE" && doc.corrects !== undefined) fail("corrects", "only a credit or debit note corrects an invoice");
  checkCurrency("currency", doc.currency);
  const zone = timezoneProblem(doc.timezone);
  if (zone) fail("timezone", zone);
  checkDate("issueDate", doc.issueDate);
  checkDate("dueDate", doc.dueDate);
  if (doc.dueDate < doc.issueDate) fail("dueDate", `${doc.dueDate} is before the issue date ${doc.issueDate}`);
  checkRange("period", doc.period);
  checkParty("issuer", doc.issuer);
  checkParty("recipient", doc.recipient);

  doc.lines.forEach((line, i) => checkLine(`lines.${i}`, line, doc.currency));
  for (const field of ["net", "tax", "gross"] as const) checkAmount(field, doc[field], doc.currency);
  if (!doc.taxRatePercent.isFinite() || doc.taxRatePercent.isNegative()) fail("taxRatePercent", `must be a percentage of 0 or more, not ${doc.taxRatePercent.toString()}`);
  const sum = doc.lines.reduce((total, line) => total.plus(line.net), new Decimal(0));
  if (!sum.equals(doc.net)) fail("net", `${doc.net.toFixed()} is not the sum of the lines' nets, ${sum.toFixed()} ${doc.currency}`);
  if (!doc.net.plus(doc.tax).equals(doc.gross)) fail("gross", `${doc.gross.toFixed()} is not net ${doc.net.toFixed()} + tax ${doc.tax.toFixed()} ${doc.currency}`);

  doc.exchangeRates.forEach((used, i) => {
    checkCurrency(`exchangeRates.${i}.from`, used.from);
    checkCurrency(`exchangeRates.${i}.to`, used.to);
    checkPositive(`exchangeRates.${i}.rate`, used.rate);
  });
}

function checkLine(field: string, line: InvoiceDocumentLine, currency: string): void {
  if (!Number.isSafeInteger(line.calls)) fail(`${field}.calls`, `must be a whole number, not ${line.calls}`);
  if (!line.rate.isFinite()) fail(`${field}.rate`, `must be a number, not ${line.rate.toString()}`);
  checkCurrency(`${field}.rateCurrency`, line.rateCurrency);
  const rate = line.exchangeRate ?? null;
  if (line.rateCurrency !== currency && rate === null) fail(`${field}.exchangeRate`, `is needed to bill a rate in ${line.rateCurrency} in ${currency}`);
  if (line.rateCurrency === currency && rate !== null) fail(`${field}.exchangeRate`, `must be absent: the rate is already in ${currency}`);
  if (rate !== null) checkPositive(`${field}.exchangeRate`, rate);
  checkAmount(`${field}.net`, line.net, currency);
  if (line.period) checkRange(`${field}.period`, line.period);
}

function checkParty(field: string, party: DocumentParty): void {
  if (!party.name?.trim()) fail(`${field}.name`, "must not be empty");
}

function checkRange(field: string, range: LocalDateRange): void {
  checkDate(`${field}.from`, range.from);
  checkDate(`${field}.to`, range.to);
  if (range.to < range.from) fail(`${field}.to`, `${range.to} is before ${range.from}`);
}

function checkDate(field: string, date: string): void {
  if (!isIsoDate(date)) fail(field, `'${clipText(String(date))}' is not a date written YYYY-MM-DD`);
}

function checkCurrency(field: string, currency: string): void {
  const problem = currencyProblem(currency);
  if (problem) fail(field, problem);
}

function checkAmount(field: string, amount: Decimal, currency: string): void {
  if (!amount.isFinite()) fail(field, `${amount.toString()} is not an amount`);
  const problem = minorUnitsProblem(amount, currency);
  if (problem) fail(field, problem);
}

function checkPositive(field: string, rate: Decimal): void {
  if (!rate.isFinite() || rate.lte(0)) fail(field, `must be a positive rate, not ${rate.toString()}`);
}

function fail(field: string, message: string): never {
  throw new RangeError(`${field}: ${message}`);
}
