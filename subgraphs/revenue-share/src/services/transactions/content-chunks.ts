import { eachCsvRecord, isStorableText, monthKey, storableRaw, type CsvBlock, type RejectedRecord, type UnreadableRecord } from "@intersettle/shared";
import { parseContentRecord, type ContentTransaction, type TransactionRules } from "../../domain/transactions/content-record";
import { REVERSALS, type TransactionColumns } from "../../domain/transactions/transaction-layout";
import { TransactionRows } from "./content-rows";

/** What a reversal needs of its original: its time (the reversal counts in its period), service and status. */
export interface OriginalFacts {
  occurredMs: number;
  serviceId: string;
  status: string;
}

/** A reversal read and checked, whose original is looked up when its chunk is written (after the chunks before it). */
export interface PendingReversal {
  transaction: ContentTransaction;
  line: number;
  raw: string;
}

/** Records of a file (or batch) read and checked, waiting for their write. */
export interface ContentChunk {
  /** The last line the chunk covers: where a resumed job starts again. */
  lastLine: number;
  /** Records read (a header and lines already done are not). */
  read: number;
  /** Charges and failures, as COPY data. */
  rows: TransactionRows;
  reversals: PendingReversal[];
  /** The chunk's transactions by id: a reversal's original may be among them. */
  seen: Map<string, OriginalFacts>;
  /** Records whose transaction id came earlier in the chunk. */
  duplicates: number;
  rejected: RejectedRecord[];
  /** Months (monthKey) of the transactions' times: their partitions must exist before the write. */
  months: Set<string>;
  serviceIds: Set<string>;
  span: { firstMs: number; lastMs: number } | null;
}

/** Reads records into chunks for one job: each record is checked, and the good ones become COPY rows at once. */
export class ChunkReader {
  private chunk!: ContentChunk;
  private monthFrom = 0;
  private monthTo = -1;

  constructor(private readonly job: { sourceId: string; jobId: string }, private readonly columns: TransactionColumns, private readonly rules: TransactionRules) {}

  /** The records of a block of a file, lines up to `skipThrough` (the header, lines done) left out. */
  block(block: CsvBlock, skipThrough: number): ContentChunk {
    this.start();
    const storable = isStorableText(block.bytes);
    eachCsvRecord(block.bytes, ",", {
      onRecord: (values, line) => line > skipThrough && this.record(values, line, storable),
      onUnreadable: (record) => record.line > skipThrough && this.unreadable(record),
    }, block.firstLine);
    return this.take(block.firstLine + block.lines - 1);
  }

  /** Records given as values in column order (a GraphQL batch), numbered from 1. */
  records(records: string[][]): ContentChunk {
    this.start();
    records.forEach((values, i) => this.record(values, i + 1, false));
    return this.take(records.length);
  }

  private record(values: string[], line: number, storable: boolean): void {
    const chunk = this.chunk;
    chunk.read++;
    const parsed = parseContentRecord(values, this.columns, this.rules, storable);
    if (!parsed.transaction) return void chunk.rejected.push({ line, field: parsed.problem.field, reason: parsed.problem.reason, raw: storableRaw(values.join(",")) });
    const t = parsed.transaction;
    if (chunk.seen.has(t.transactionId)) return void chunk.duplicates++;
    chunk.seen.set(t.transactionId, { occurredMs: t.occurredMs, serviceId: t.serviceId, status: t.status });
    if (REVERSALS.has(t.status)) chunk.reversals.push({ transaction: t, line, raw: storableRaw(values.join(",")) });
    else chunk.rows.add(t, line, null);
    this.place(t);
  }

  private unreadable(record: UnreadableRecord): void {
    this.chunk.read++;
    this.chunk.rejected.push({ line: record.line, field: "record", reason: record.reason, raw: storableRaw(record.raw) });
  }

  /** Notes the transaction's month, service and time. */
  private place(t: ContentTransaction): void {
    const chunk = this.chunk;
    const ms = t.occurredMs;
    // Transactions come mostly in time order: the month is worked out again only when one leaves the last one seen.
    if (ms < this.monthFrom || ms >= this.monthTo) {
      const key = monthKey(ms);
      chunk.months.add(key);
      const d = new Date(ms);
      this.monthFrom = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
      this.monthTo = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
    chunk.serviceIds.add(t.serviceId);
    const span = chunk.span;
    if (!span) chunk.span = { firstMs: ms, lastMs: ms };
    else if (ms < span.firstMs) span.firstMs = ms;
    else if (ms > span.lastMs) span.lastMs = ms;
  }

  private start(): void {
    this.chunk = { lastLine: 0, read: 0, rows: new TransactionRows(this.job.sourceId, this.job.jobId), reversals: [], seen: new Map(), duplicates: 0, rejected: [], months: new Set(), serviceIds: new Set(), span: null };
    this.monthTo = -1;
  }

  private take(lastLine: number): ContentChunk {
    this.chunk.lastLine = lastLine;
    return this.chunk;
  }
}
