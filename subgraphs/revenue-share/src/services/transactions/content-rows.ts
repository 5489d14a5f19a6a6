import { BinaryCopyWriter, copyRowFields } from "@intersettle/shared";
import type { ContentTransaction } from "../../domain/transactions/content-record";

/** The columns of revshare.content_transaction a chunk writes, in the order it writes them. */
export const TRANSACTION_ROW_COLUMNS = [
  "source_id", "transaction_id", "occurred_at", "job_id", "line", "service_id", "subscriber", "status", "gross", "tax", "currency",
  "original_transaction_id", "original_occurred_at", "bad_debt",
] as const;

/** The columns of revshare.content_transaction_key: what makes a transaction id taken, and what a reversal checks of its original. */
export const TRANSACTION_KEY_COLUMNS = ["source_id", "transaction_id", "occurred_at", "service_id", "status"] as const;

/**
 * Transactions as binary COPY data, built as they are read: the rows for content_transaction and, side by side, their
 * keys for content_transaction_key (one COPY each when none was loaded before).
 */
export class TransactionRows {
  private readonly rows = new BinaryCopyWriter();
  private readonly keys = new BinaryCopyWriter();
  size = 0;

  constructor(private readonly sourceId: string, private readonly jobId: string) {}

  /** `originalMs`: a reversal's original's time, which places it in the original's period. */
  add(t: ContentTransaction, line: number, originalMs: number | null): void {
    const { rows, keys } = this;
    rows.row(TRANSACTION_ROW_COLUMNS.length);
    rows.uuid(this.sourceId);
    rows.text(t.transactionId);
    rows.timestamptz(t.occurredMs);
    rows.uuid(this.jobId);
    rows.int4(line);
    rows.uuid(t.serviceId);
    rows.text(t.subscriber);
    rows.text(t.status);
    rows.numeric(t.gross);
    rows.numeric(t.tax);
    rows.text(t.currency);
    if (t.originalTransactionId === null) rows.null();
    else rows.text(t.originalTransactionId);
    if (originalMs === null) rows.null();
    else rows.timestamptz(originalMs);
    rows.bool(t.badDebt);
    keys.row(TRANSACTION_KEY_COLUMNS.length);
    keys.uuid(this.sourceId);
    keys.text(t.transactionId);
    keys.timestamptz(t.occurredMs);
    keys.uuid(t.serviceId);
    keys.text(t.status);
    this.size++;
  }

  rowMessages(): Buffer[] {
    return this.rows.messages();
  }

  keyMessages(): Buffer[] {
    return this.keys.messages();
  }
}

/** What a content_transaction row says of itself, for a row the database refused: its line and record. */
export function describeTransactionRow(row: Buffer): { line: number; raw: string } {
  const fields = copyRowFields(row);
  const text = (column: (typeof TRANSACTION_ROW_COLUMNS)[number]) => fields[TRANSACTION_ROW_COLUMNS.indexOf(column)]?.toString("utf8") ?? "";
  const line = fields[TRANSACTION_ROW_COLUMNS.indexOf("line")]?.readInt32BE(0) ?? 0;
  return { line, raw: [text("transaction_id"), text("subscriber"), text("status"), text("currency")].join(",") };
}
