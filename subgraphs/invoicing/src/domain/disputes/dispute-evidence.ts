import type { Decimal } from "@intersettle/shared";
import { csvText, plainDecimal } from "../exports/csv";

/** One call that did not match, both sides of it, as a reconciliation stored it (reconciliation_call). */
export interface MismatchedCall {
  status: string;
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

export const EVIDENCE_COLUMNS = [
  "status", "destination", "our_call_id", "our_start", "our_a_number", "our_b_number", "our_duration", "our_amount",
  "their_line", "their_call_id", "their_start", "their_a_number", "their_b_number", "their_duration", "their_amount", "difference",
] as const;

const text = (value: string | number | null) => (value === null ? "" : String(value));
const instant = (value: Date | null) => (value === null ? "" : value.toISOString());
const amount = (value: Decimal | null) => (value === null ? "" : plainDecimal(value));

/** The evidence a partner can check: every mismatched call on both sides, UTC instants, exact amounts, RFC 4180 CSV. */
export function mismatchedCallsCsv(calls: readonly MismatchedCall[]): string {
  return csvText(EVIDENCE_COLUMNS, calls.map((c) => [
    c.status, text(c.destination), text(c.ourCallId), instant(c.ourStart), text(c.ourANumber), text(c.ourBNumber), text(c.ourDuration), amount(c.ourAmount),
    text(c.theirLine), text(c.theirCallId), instant(c.theirStart), text(c.theirANumber), text(c.theirBNumber), text(c.theirDuration), amount(c.theirAmount), plainDecimal(c.difference),
  ]));
}
