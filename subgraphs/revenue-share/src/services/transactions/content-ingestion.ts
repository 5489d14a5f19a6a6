import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { DataSource } from "typeorm";
import {
  AuditedEntity, claimJob, csvRecordBatches, ensureMonthPartitions, IngestionFileError, IngestionInterruptedError, JobLedger, OrderedWrites, textOnly, type CsvRead, type IngestRequest, type Logger, type Principal,
} from "@intersettle/shared";
import { ContentService, ContentServiceStatus } from "../../entities";
import { ContentIngestionJob, ContentJobStatus, type ContentSource } from "../../entities/transactions";
import type { ServiceForIngestion, TransactionRules } from "../../domain/transactions/content-record";
import { resolveTransactionColumns, TRANSACTION_COLUMNS, type TransactionColumns } from "../../domain/transactions/transaction-layout";
import { revshareAudit } from "../audit-trail";
import { ChunkReader, type ContentChunk } from "./content-chunks";
import { writeContentChunk } from "./content-chunk-writer";
import type { ContentSources } from "./content-sources";

export type ContentIngestRequest = IngestRequest;

/** How far back and ahead an occurred_at is believed: older or later is a wrong clock, not a sale. */
const PAST_YEARS = 10;
const FUTURE_MS = 86_400_000;
/** Lines per chunk, one database transaction each (~10 MB of COPY data): few commits, a crash redoes at most one. */
const CHUNK_LINES = 50_000;
/** Chunks read ahead of the one being written: reading the next overlaps the database's COPY of this one. */
const READ_AHEAD = 2;

/**
 * Streams content transaction files (and GraphQL batches) into revshare.content_transaction, a chunk per database
 * transaction: each record checked against the layout, the services and the source's clock, rejects quarantined with
 * line, field and reason, duplicates counted and never stored twice. Memory stays flat whatever the file's size; a
 * job stopped mid-file resumes after its last chunk when the same file comes again.
 */
export class ContentIngestion {
  private readonly ledger: JobLedger<ContentIngestionJob>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sources: ContentSources,
    private readonly databaseUrl: string,
    logger?: Logger,
  ) {
    this.ledger = new JobLedger(dataSource, {
      entity: ContentIngestionJob, audit: revshareAudit, entityType: AuditedEntity.CONTENT_INGESTION_JOB, action: "content_ingestion_job", label: "Content transaction", outcome: jobOutcome, logger,
      counters: { read: 0, accepted: 0, duplicate: 0, rejected: 0, firstOccurredAt: null, lastOccurredAt: null, timings: {} },
    });
  }

  /** A file: its header names the columns (see README.md); its records are read in chunks of whole records. */
  async ingest(principal: Principal, request: ContentIngestRequest): Promise<ContentIngestionJob> {
    const source = await this.sources.get(request.source);
    return this.run(principal, source, request, (job, rules) => this.fileChunks(request, job, rules));
  }

  /** Records given inline (at most a GraphQL batch), as values in TRANSACTION_COLUMNS order; sending them again is recognized. */
  async ingestRecords(principal: Principal, sourceId: string, records: string[][]): Promise<ContentIngestionJob> {
    const source = await this.sources.get(sourceId);
    const fileSha256 = createHash("sha256").update(JSON.stringify(records)).digest("hex");
    const request = { source: source.id, fileName: `GraphQL batch of ${records.length} records`, body: Readable.from([]), fileSha256 };
    const columns = Object.fromEntries(TRANSACTION_COLUMNS.map((c, i) => [c, i])) as TransactionColumns;
    return this.run(principal, source, request, async function* (job, rules) {
      if (job.linesDone < records.length) yield new ChunkReader({ sourceId: source.id, jobId: job.id }, columns, rules).records(records);
    });
  }

  private async run(principal: Principal, source: ContentSource, request: ContentIngestRequest, chunks: (job: ContentIngestionJob, rules: TransactionRules) => AsyncIterable<ContentChunk>): Promise<ContentIngestionJob> {
    const job = await this.ledger.open(principal, source, request.fileName, request.fileSha256);
    const lock = await claimJob(this.databaseUrl, job.id);
    const started = performance.now();
    let writeMs = 0;
    const file = { jobId: job.id, sourceId: source.id, fileName: request.fileName, fileSha256: job.fileSha256 };
    const writes = new OrderedWrites<ContentChunk>(READ_AHEAD, async (chunk) => {
      const t = performance.now();
      await ensureMonthPartitions(this.databaseUrl, "revshare.content_transaction", chunk.months);
      await writeContentChunk(this.dataSource, file, chunk);
      writeMs += performance.now() - t;
      request.afterChunk?.(chunk.lastLine);
    });
    try {
      for await (const chunk of chunks(job, await this.rules(source))) await writes.submit(Promise.resolve(chunk));
      if (request.signal?.aborted) {
        await writes.abandon();
        throw new IngestionInterruptedError(job.id);
      }
      await writes.finish();
      return await this.complete(principal, job.id, { totalMs: Math.round(performance.now() - started), writeMs: Math.round(writeMs) });
    } catch (err) {
      // An interrupted file is not read to its end; a failed upload's body is drained so the answer can be sent.
      if (err instanceof IngestionInterruptedError) {
        request.body.destroy();
        await this.ledger.interrupted(job.id, err.message);
        throw err;
      }
      request.body.resume();
      // Chunks already under way are written or dropped before the job is marked, so none lands after.
      await writes.abandon();
      return this.ledger.fail(principal, job.id, request.fileName, err);
    } finally {
      await lock.end().catch(() => undefined);
    }
  }

  /**
   * The file's chunks after the lines its job already did (a chunk ends on its last record's first line, where a
   * resumed job starts again); the header, line 1, names the columns.
   */
  private async *fileChunks(request: ContentIngestRequest, job: ContentIngestionJob, rules: TransactionRules): AsyncGenerator<ContentChunk> {
    const chunkLines = request.chunkSize ?? CHUNK_LINES;
    let reader: ChunkReader | undefined;
    // A batch a piece of the file: between pieces, the COPY of the chunk before goes on streaming to PostgreSQL.
    for await (const records of csvRecordBatches(Readable.from(textOnly(request.body, request.fileName)))) {
      if (request.signal?.aborted) return;
      reader ??= new ChunkReader({ sourceId: job.sourceId, jobId: job.id }, headerColumns(records[0], request.fileName), rules);
      yield* reader.add(records, Math.max(job.linesDone, 1), chunkLines);
    }
    if (!reader) throw new IngestionFileError(`${request.fileName}: the file is empty; it needs a header row naming its columns (${TRANSACTION_COLUMNS.join(",")})`);
    const last = reader.take();
    if (last) yield last;
  }

  /** The services by code and the window of times, as they are when the job starts. */
  private async rules(source: ContentSource): Promise<TransactionRules> {
    const services = new Map<string, ServiceForIngestion>();
    for (const s of await this.dataSource.getRepository(ContentService).find()) services.set(s.code, { id: s.id, code: s.code, currency: s.currency, retired: s.status === ContentServiceStatus.RETIRED });
    const now = new Date();
    const earliest = new Date(now.getTime());
    earliest.setUTCFullYear(earliest.getUTCFullYear() - PAST_YEARS);
    return { timezone: source.timezone, earliestMs: earliest.getTime(), latestMs: now.getTime() + FUTURE_MS, service: (code) => services.get(code) };
  }

  /** Marks the job done, audited; a job completed by another request meanwhile is returned as it is. */
  private complete(principal: Principal, jobId: string, timings: Record<string, number>): Promise<ContentIngestionJob> {
    return this.dataSource.transaction(async (manager) => {
      const job = await manager.findOneOrFail(ContentIngestionJob, { where: { id: jobId }, lock: { mode: "pessimistic_write" } });
      if (job.status === ContentJobStatus.COMPLETED) return job;
      Object.assign(job, { status: ContentJobStatus.COMPLETED, finishedAt: new Date(), error: null, timings });
      const saved = await manager.save(job);
      await revshareAudit.record(manager, principal, { entityType: AuditedEntity.CONTENT_INGESTION_JOB, entityId: jobId, partnerId: null, action: "content_ingestion_job.completed", before: { status: ContentJobStatus.RUNNING }, after: jobOutcome(saved) });
      return saved;
    });
  }
}

/** The header row's columns; a header that cannot be read or lacks a required column fails the file, naming line 1. */
function headerColumns(first: CsvRead, fileName: string): TransactionColumns {
  if (first.line === 1 && !("values" in first)) throw new IngestionFileError(`${fileName}: line 1: the header cannot be read: ${first.reason}`);
  const { columns, missing } = resolveTransactionColumns(first.line === 1 && "values" in first ? first.values : []);
  if (missing.length > 0) throw new IngestionFileError(`${fileName}: line 1: the header lacks ${missing.join(", ")} (a header row naming the columns is required)`);
  return columns;
}

/** What a finished job's audit entry keeps: its outcome and counts (read = accepted + duplicate + rejected). */
function jobOutcome(job: ContentIngestionJob): Record<string, unknown> {
  return { status: job.status, error: job.error, read: job.read, accepted: job.accepted, duplicate: job.duplicate, rejected: job.rejected };
}
