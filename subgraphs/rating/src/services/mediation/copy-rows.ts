import { RATED_CDR_COLUMNS } from "./rated-cdr-batch";

/**
 * Rows of binary COPY data (as BinaryCopyWriter writes them) taken apart and put together again: when the database
 * refuses a chunk because of some of its rows, the rows are written in smaller groups to find them.
 */
export function splitCopyRows(messages: Buffer[]): Buffer[] {
  const data = Buffer.concat(messages);
  const rows: Buffer[] = [];
  let at = HEADER.length;
  for (;;) {
    const fields = data.readInt16BE(at);
    if (fields === -1) return rows;
    let end = at + 2;
    for (let i = 0; i < fields; i++) {
      const length = data.readInt32BE(end);
      end += 4 + Math.max(0, length);
    }
    rows.push(data.subarray(at, end));
    at = end;
  }
}

/** Rows as binary COPY data again, with header and trailer. */
export function joinCopyRows(rows: Buffer[]): Buffer[] {
  return [HEADER, ...rows, TRAILER];
}

/** What a rated_cdr row says about its call: its line in the file, and its call id and start (for the quarantine). */
export function describeRow(row: Buffer): { line: number; raw: string } {
  const fields: Array<Buffer | null> = [];
  let at = 2;
  for (let i = 0; i < RATED_CDR_COLUMNS.length; i++) {
    const length = row.readInt32BE(at);
    fields.push(length < 0 ? null : row.subarray(at + 4, at + 4 + length));
    at += 4 + Math.max(0, length);
  }
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

const HEADER = Buffer.concat([Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), Buffer.alloc(8)]);
const TRAILER = Buffer.from([0xff, 0xff]);
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
