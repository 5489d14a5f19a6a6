import { quoted } from "@intersettle/shared";
import type { ClaimedLine } from "../reconciliation/claimed-records";
import type { ClaimColumn, ClaimColumnIndex } from "./claim-layout";
import { invoiceNumber } from "./claim-numbers";

/** Why a record of a claim file was not taken: the field (a claim column, or a CDR field) and the reason. */
export interface ClaimProblem {
  field: string;
  reason: string;
}

export const MAX_DESTINATION_LENGTH = 200;

/**
 * One summary line of a partner's invoice, or the field that makes it unusable: a blank destination, calls that are
 * not a whole number, minutes or amount that are not numbers, a currency other than the claim's.
 */
export function readClaimedLine(values: string[], line: number, columns: ClaimColumnIndex, decimalComma: boolean, claimCurrency: string): { claimed?: ClaimedLine; problem?: ClaimProblem } {
  const text = (column: ClaimColumn) => (columns[column] === undefined ? "" : (values[columns[column]!] ?? "").trim());
  const destination = text("destination");
  if (!destination) return problem("destination", "destination is empty");
  if (destination.length > MAX_DESTINATION_LENGTH) return problem("destination", `destination is ${destination.length} characters; at most ${MAX_DESTINATION_LENGTH}`);
  const callsText = text("calls");
  const calls = invoiceNumber(callsText, decimalComma);
  if (!calls || !calls.isInteger() || calls.isNegative()) return problem("calls", callsText ? `calls ${quoted(callsText)} is not a whole number of calls` : "calls is empty");
  const minutesText = text("minutes");
  const minutes = invoiceNumber(minutesText, decimalComma);
  if (!minutes || minutes.isNegative()) return problem("minutes", minutesText ? `minutes ${quoted(minutesText)} is not a number of minutes${decimalComma ? " (the layout reads a decimal comma)" : ""}` : "minutes is empty");
  const amountText = text("amount");
  const amount = invoiceNumber(amountText, decimalComma);
  if (!amount) return problem("amount", amountText ? `amount ${quoted(amountText)} is not a number${decimalComma ? " (the layout reads a decimal comma)" : ""}` : "amount is empty");
  const rateText = text("rate");
  const rate = rateText ? invoiceNumber(rateText, decimalComma) : null;
  if (rate === undefined || rate?.isNegative()) return problem("rate", `rate ${quoted(rateText)} is not a rate`);
  const currency = text("currency").toUpperCase() || claimCurrency;
  if (currency !== claimCurrency) return problem("currency", `currency ${quoted(currency)} is not the claim's currency ${claimCurrency}`);
  return { claimed: { line, destination, calls: calls.toNumber(), minutes, rate, amount, currency } };
}

function problem(field: string, reason: string): { problem: ClaimProblem } {
  return { problem: { field, reason } };
}
