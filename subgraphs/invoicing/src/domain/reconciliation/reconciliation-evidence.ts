import type { Decimal } from "@intersettle/shared";
import { CSV_LINE_END, csvField, plainDecimal } from "../exports/csv";
import type { CallComparison } from "./claimed-records";
import type { CallMatch } from "./call-matching";
import type { DestinationSummary } from "./destination-summary";

/** One call that is not MATCHED, both sides of it, as stored (invoicing.reconciliation_call) and as the CSV writes it. */
export interface MismatchedCall {
  seq: number;
  status: CallComparison;
  destination: string | null;
  ourCallId: string | null;
  ourStart: Date | null;
  ourANumber: string | null;
  ourBNumber: string | null;
  ourDuration: number | null;
  ourAmount: Decimal | null;
  theirLine: number | null;
  theirCallId: string | null;
  theirStart: Date | null;
  theirANumber: string | null;
  theirBNumber: string | null;
  theirDuration: number | null;
  theirAmount: Decimal | null;
  difference: Decimal;
}

export function mismatchedCall(seq: number, match: CallMatch): MismatchedCall {
  const { ours, theirs } = match;
  return {
    seq,
    status: match.status,
    destination: ours?.destination ?? null,
    ourCallId: ours?.callId ?? null,
    ourStart: ours?.start ?? null,
    ourANumber: ours?.aNumber ?? null,
    ourBNumber: ours?.bNumber ?? null,
    ourDuration: ours?.duration ?? null,
    ourAmount: ours?.amount ?? null,
    theirLine: theirs?.line ?? null,
    theirCallId: theirs?.callId ?? null,
    theirStart: theirs?.start ?? null,
    theirANumber: theirs?.aNumber ?? null,
    theirBNumber: theirs?.bNumber ?? null,
    theirDuration: theirs?.duration ?? null,
    theirAmount: theirs?.amount ?? null,
    difference: match.difference,
  };
}

/** The evidence file's columns, the partner's side beside ours (a dispute attaches the same file). */
export const MISMATCHED_CALLS_HEADER = [
  "status", "destination", "our_call_id", "our_start", "our_a_number", "our_b_number", "our_duration", "our_amount",
  "their_line", "their_call_id", "their_start", "their_a_number", "their_b_number", "their_duration", "their_amount", "difference",
] as const;

const text = (v: string | number | null) => (v === null ? "" : String(v));
const time = (v: Date | null) => (v === null ? "" : v.toISOString());
const money = (v: Decimal | null) => (v === null ? "" : plainDecimal(v));

/** One CSV record (RFC 4180, CRLF), so a caller can stream a long list row by row. */
export function mismatchedCallRecord(call: MismatchedCall): string {
  return [
    call.status, text(call.destination), text(call.ourCallId), time(call.ourStart), text(call.ourANumber), text(call.ourBNumber),
    text(call.ourDuration), money(call.ourAmount), text(call.theirLine), text(call.theirCallId), time(call.theirStart),
    text(call.theirANumber), text(call.theirBNumber), text(call.theirDuration), money(call.theirAmount), plainDecimal(call.difference),
  ].map(csvField).join(",") + CSV_LINE_END;
}

export function mismatchedCallsHeaderRecord(): string {
  return MISMATCHED_CALLS_HEADER.join(",") + CSV_LINE_END;
}

/** The whole file for a list already in memory (a dispute's attachment). */
export function mismatchedCallsCsv(calls: Iterable<MismatchedCall>): string {
  let out = mismatchedCallsHeaderRecord();
  for (const call of calls) out += mismatchedCallRecord(call);
  return out;
}

/** The evidence of an invoice claim, compared per destination: each destination whose totals differ, both sides. */
export const DESTINATION_DIFFERENCES_HEADER = [
  "destination", "status", "our_calls", "our_seconds", "our_amount", "their_calls", "their_seconds", "their_amount", "difference",
] as const;

export function destinationDifferencesCsv(destinations: Iterable<DestinationSummary>): string {
  let out = DESTINATION_DIFFERENCES_HEADER.join(",") + CSV_LINE_END;
  for (const d of destinations) {
    if (d.status === "MATCHED") continue;
    out += [d.destination, d.status, text(d.ours.calls), text(d.ours.seconds), plainDecimal(d.ours.amount), text(d.theirs.calls), text(d.theirs.seconds), plainDecimal(d.theirs.amount), plainDecimal(d.difference)]
      .map(csvField).join(",") + CSV_LINE_END;
  }
  return out;
}
