import { monthKey, storableRaw, type CsvRead, type RejectedRecord, type UnreadableRecord } from "@intersettle/shared";
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
  seen: SeenTransactions;
  /** Records whose transaction id came earlier in the chunk. */
  duplicates: number;
  rejected: RejectedRecord[];
  /** Months (monthKey) of the transactions' times: their partitions must exist before the write. */
  months: Set<string>;
  serviceIds: Set<string>;
  span: { firstMs: number; lastMs: number } | null;
}

/**
 * Reads records into chunks for one job: each record is checked, and the good ones become COPY rows at once. A
 * chunk gathers the records of many pieces of a file, and reading pauses between pieces, so the COPY of the chunk
 * before goes on meanwhile.
 */
export class ChunkReader {
  private chunk: ContentChunk | undefined;
  private firstLine = 0;
  private monthFrom = 0;
  private monthTo = -1;

  constructor(private readonly job: { sourceId: string; jobId: string }, private readonly columns: TransactionColumns, private readonly rules: TransactionRules) {}

  /**
   * Adds records of a file, those on lines up to `skipThrough` (the header, lines done) left out; returns the chunks
   * they filled, each of `chunkLines` lines or more (a chunk ends with a record).
   */
  add(records: CsvRead[], skipThrough: number, chunkLines: number): ContentChunk[] {
    const full: ContentChunk[] = [];
    for (const record of records) {
      if (record.line <= skipThrough) continue;
      this.open(record.line).lastLine = record.line;
      if ("values" in record) this.record(record.values, record.line);
      else this.unreadable(record);
      if (this.lines >= chunkLines) full.push(this.take()!);
    }
    return full;
  }

  /** Records given as values in column order (a GraphQL batch), numbered from 1: one chunk. */
  records(records: string[][]): ContentChunk {
    this.open(1).lastLine = records.length;
    records.forEach((values, i) => this.record(values, i + 1));
    return this.take()!;
  }

  /** Lines the chunk under way covers (from its first record's line to its last's). */
  get lines(): number {
    return this.chunk ? this.chunk.lastLine - this.firstLine + 1 : 0;
  }

  /** The chunk under way, if any, to write; the next block starts another. */
  take(): ContentChunk | undefined {
    const chunk = this.chunk;
    this.chunk = undefined;
    return chunk;
  }

  private record(values: string[], line: number): void {
    const chunk = this.chunk!;
    chunk.read++;
    const parsed = parseContentRecord(values, this.columns, this.rules);
    if (!parsed.transaction) return void chunk.rejected.push({ line, field: parsed.problem.field, reason: parsed.problem.reason, raw: storableRaw(values.join(",")) });
    const t = parsed.transaction;
    if (!chunk.seen.add(t)) return void chunk.duplicates++;
    if (REVERSALS.has(t.status)) chunk.reversals.push({ transaction: t, line, raw: storableRaw(values.join(",")) });
    else chunk.rows.add(t, line, null);
    this.place(t);
  }

  private unreadable(record: UnreadableRecord): void {
    this.chunk!.read++;
    this.chunk!.rejected.push({ line: record.line, field: "record", reason: record.reason, raw: storableRaw(record.raw) });
  }

  /** Notes the transaction's month, service and time. */
  private place(t: ContentTransaction): void {
    const chunk = this.chunk!;
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

  private open(firstLine: number): ContentChunk {
    if (this.chunk) return this.chunk;
    this.firstLine = firstLine;
    this.monthTo = -1;
    return (this.chunk = { lastLine: 0, read: 0, rows: new TransactionRows(this.job.sourceId, this.job.jobId), reversals: [], seen: new SeenTransactions(), duplicates: 0, rejected: [], months: new Set(), serviceIds: new Set(), span: null });
  }
}

/** The transactions of a chunk by id, their facts in columns: no object per row for the collector to trace. */
export class SeenTransactions {
  private readonly index = new Map<string, number>();
  private readonly occurredMs: number[] = [];
  private readonly serviceIds: string[] = [];
  private readonly statuses: string[] = [];

  /** False when the id came earlier in the chunk. */
  add(t: ContentTransaction): boolean {
    if (this.index.has(t.transactionId)) return false;
    this.index.set(t.transactionId, this.occurredMs.length);
    this.occurredMs.push(t.occurredMs);
    this.serviceIds.push(t.serviceId);
    this.statuses.push(t.status);
    return true;
  }

  get(id: string): OriginalFacts | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : { occurredMs: this.occurredMs[i], serviceId: this.serviceIds[i], status: this.statuses[i] };
  }
}
