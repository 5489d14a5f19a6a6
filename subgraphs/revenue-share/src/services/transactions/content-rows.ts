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
  /** Ids encoded once: the source's and job's on every row, a service's on all of its rows. */
  private readonly source: Buffer;
  private readonly job: Buffer;
  private readonly services = new Map<string, Buffer>();
  /** Statuses, currencies and amounts (a catalogue's price points) repeat from row to row: each is encoded once. */
  private readonly texts = new Map<string, Buffer>();
  private readonly amounts = new Map<string, Buffer>();
  size = 0;

  constructor(sourceId: string, jobId: string) {
    this.source = fieldOf((w) => w.uuid(sourceId));
    this.job = fieldOf((w) => w.uuid(jobId));
  }

  /** `originalMs`: a reversal's original's time, which places it in the original's period. */
  add(t: ContentTransaction, line: number, originalMs: number | null): void {
    const { rows, keys } = this;
    const service = this.services.get(t.serviceId) ?? this.encoded(this.services, t.serviceId, (w) => w.uuid(t.serviceId));
    const status = this.texts.get(t.status) ?? this.encoded(this.texts, t.status, (w) => w.text(t.status));
    rows.row(TRANSACTION_ROW_COLUMNS.length);
    rows.fields(this.source);
    rows.text(t.transactionId);
    rows.timestamptz(t.occurredMs);
    rows.fields(this.job);
    rows.int4(line);
    rows.fields(service);
    rows.text(t.subscriber);
    rows.fields(status);
    rows.fields(this.amounts.get(t.gross) ?? this.encoded(this.amounts, t.gross, (w) => w.numeric(t.gross)));
    rows.fields(this.amounts.get(t.tax) ?? this.encoded(this.amounts, t.tax, (w) => w.numeric(t.tax)));
    rows.fields(this.texts.get(t.currency) ?? this.encoded(this.texts, t.currency, (w) => w.text(t.currency)));
    if (t.originalTransactionId === null) rows.null();
    else rows.text(t.originalTransactionId);
    if (originalMs === null) rows.null();
    else rows.timestamptz(originalMs);
    rows.bool(t.badDebt);
    keys.row(TRANSACTION_KEY_COLUMNS.length);
    keys.fields(this.source);
    keys.text(t.transactionId);
    keys.timestamptz(t.occurredMs);
    keys.fields(service);
    keys.fields(status);
    this.size++;
  }

  rowMessages(): Buffer[] {
    return this.rows.messages();
  }

  keyMessages(): Buffer[] {
    return this.keys.messages();
  }

  /** A field encoded once and kept (up to MAX_KEPT of a kind, so a file of all-different amounts stays bounded). */
  private encoded(kept: Map<string, Buffer>, value: string, encode: (w: BinaryCopyWriter) => void): Buffer {
    const field = fieldOf(encode);
    if (kept.size < MAX_KEPT) kept.set(value, field);
    return field;
  }
}

const MAX_KEPT = 10_000;

function fieldOf(encode: (w: BinaryCopyWriter) => void): Buffer {
  const w = new BinaryCopyWriter(false);
  encode(w);
  return w.fragment();
}

/** What a content_transaction row says of itself, for a row the database refused: its line and record. */
export function describeTransactionRow(row: Buffer): { line: number; raw: string } {
  const fields = copyRowFields(row);
  const text = (column: (typeof TRANSACTION_ROW_COLUMNS)[number]) => fields[TRANSACTION_ROW_COLUMNS.indexOf(column)]?.toString("utf8") ?? "";
  const line = fields[TRANSACTION_ROW_COLUMNS.indexOf("line")]?.readInt32BE(0) ?? 0;
  return { line, raw: [text("transaction_id"), text("subscriber"), text("status"), text("currency")].join(",") };
}
