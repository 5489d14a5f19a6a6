import { copyRowFields } from "@intersettle/shared";
import { RATED_CDR_COLUMNS } from "./rated-cdr-batch";

/** What a rated_cdr row says about its call: its line in the file, and its call id and start (for the quarantine). */
export function describeRow(row: Buffer): { line: number; raw: string } {
  const fields = copyRowFields(row);
  const column = (name: string) => fields[RATED_CDR_COLUMNS.indexOf(name)];
  const text = (name: string) => column(name)?.toString("utf8") ?? "";
  const startUs = column("start_time")?.readBigInt64BE(0);
  const start = startUs === undefined ? "" : new Date(Number(startUs / 1000n) + PG_EPOCH_MS).toISOString();
  const raw = ["call_id", "start_time", "duration", "a_number", "b_number", "ingress", "egress", "disposition"]
    .map((name) => (name === "start_time" ? start : name === "duration" ? String(column(name)?.readInt32BE(0) ?? "") : text(name)))
    .join(",");
  return { line: column("line")?.readInt32BE(0) ?? 0, raw };
}

/** The record field a rated_cdr column holds, for a refused row's `field` (named as in the native layout). */
export function recordField(column: string | undefined): string {
  if (!column) return "record";
  return COLUMN_FIELDS[column] ?? column;
}

const COLUMN_FIELDS: Record<string, string> = { start_time: "start" };

const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
