import { parseCdr, quoted, type CdrColumnIndex, type CdrLayout, type CdrSourceRules } from "@intersettle/shared";
import type { TheirCall } from "../reconciliation/claimed-records";
import Decimal from "decimal.js";
import type { ClaimProblem } from "./claimed-line";
import { outsidePeriodReason, type ClaimPeriod } from "./claim-period";

/** A call of a partner's CDR file, with the key that tells a duplicate: its call id, or (none in the file) its content. */
export interface ClaimedCall {
  call: TheirCall;
  key: string;
}

/**
 * One record of a partner's CDR file, read by the hub's one CDR parser, or the field that makes it unusable: what
 * the parser refuses, a call that was not answered (nothing to bill), a start outside the claim's period, an amount
 * that is not a number.
 */
export function readClaimedCall(values: string[], line: number, columns: CdrColumnIndex, layout: CdrLayout, rules: CdrSourceRules, period: ClaimPeriod): { claimed?: ClaimedCall; problem?: ClaimProblem } {
  const { cdr, problem } = parseCdr(values, columns, layout, rules);
  if (!cdr) return { problem: { field: problem!.field, reason: problem!.message } };
  if (cdr.disposition !== "ANSWERED" && cdr.disposition !== "UNKNOWN") return { problem: { field: "disposition", reason: `the call was not answered (${cdr.disposition}): nothing is billed for it` } };
  const outside = outsidePeriodReason(cdr.start, period);
  if (outside) return { problem: { field: "start", reason: outside } };
  const amountText = columns.amount === undefined ? "" : (values[columns.amount] ?? "").trim();
  // A switch writes plain decimals: no grouping to guess at.
  const amount = !amountText ? null : /^-?\d+(\.\d+)?$/.test(amountText) ? new Decimal(amountText) : undefined;
  if (amount === undefined) return { problem: { field: "amount", reason: `amount ${quoted(amountText)} is not a plain decimal number such as 0.0125` } };
  const hasId = columns.callId !== undefined;
  return {
    claimed: {
      // Without a call id column the parser keys the record by its content: the same record twice is a duplicate.
      key: cdr.callId,
      call: { line, callId: hasId ? cdr.callId : null, start: cdr.start, aNumber: cdr.aNumber, bNumber: cdr.bNumber, duration: cdr.durationSeconds, amount },
    },
  };
}
