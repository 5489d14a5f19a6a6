import type { Readable } from "node:stream";
import { GraphQLError } from "graphql";
import type { DataSource } from "typeorm";
import { Client } from "pg";
import { appendEvent, ConflictError, isUniqueViolation, newId, type Principal } from "@intersettle/shared";
import { IngestionJob, JobStatus, type CdrSource } from "../entities";
import { layoutFor } from "../domain/mediation/cdr-format";
import { parseCdr, resolveCdrColumns, type ColumnIndex } from "../domain/mediation/cdr-record";
import { rateCdr } from "../domain/mediation/rate-cdr";
import type { FxLookup } from "../domain/fx";
import { csvRowBatches } from "./deck-reader";
import { ensureMonthPartitions, writeChunk, type RejectedRecord } from "./cdr-chunk-writer";
import { RatedCdrBatch } from "./rated-cdr-batch";
import { loadSourceRating } from "./partner-pricing";
import type { CdrSourceService } from "./cdr-source.service";
import type { DestinationLabels } from "./destination-labels";
import type { FxService } from "./fx.service";
import type { PartnerDirectory } from "./partner-directory";
import type { RatingCardCache } from "./rating-card-cache";

export interface CdrIngestRequest {
  /** Source id or code. */
  source: string;
  fileName: string;
  body: Readable;
  /** The file's SHA-256: a job for the same file still RUNNING (the process died) is resumed, not restarted. */
  fileSha256?: string;
  chunkSize?: number;
  /** Called after each committed chunk with the lines done; throwing stops the job there, as a crash would. */
  afterChunk?: (linesDone: number) => void;
}

/** The file itself cannot be read (e.g. its header lacks required columns): the job fails, BAD_USER_INPUT. */
export class CdrFileError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: "BAD_USER_INPUT" } });
  }
}

/**
 * Streams a CDR file through parsing, normalization and rating of both legs into rated_cdr, a chunk per
 * transaction. Memory stays flat whatever the file size; a job killed mid-file resumes at its last chunk.
 */
export class CdrIngestionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sources: CdrSourceService,
    private readonly partners: PartnerDirectory,
    private readonly cache: RatingCardCache,
    private readonly fx: FxService,
    private readonly destinations: DestinationLabels,
    private readonly databaseUrl: string,
  ) {}

  async ingest(principal: Principal, request: CdrIngestRequest): Promise<IngestionJob> {
    const source = await this.sources.get(request.source);
    const job = await this.openJob(source, request);
    const lock = await this.claim(job.id);
    const started = performance.now();
    let writeMs = 0;
    try {
      const { trunks, billable, pricing } = await loadSourceRating(this.dataSource, this.sources, this.partners, this.cache, source);
      const labels = await this.destinations.load();
      const layout = layoutFor(source.format, source.layout ?? undefined);
      const rules = { timezone: source.timezone, technicalPrefix: source.technicalPrefix, countryCode: source.countryCode, nationalPrefix: source.nationalPrefix, internationalPrefix: source.internationalPrefix };
      const fxByDay = new Map<number, FxLookup>();
      // 50,000 calls (~16 MB of COPY data) per transaction: fewer commits and aggregate upserts; a crash redoes at most one.
      const chunkSize = request.chunkSize ?? 50_000;
      let columns: ColumnIndex | undefined = layout.header ? undefined : resolveCdrColumns(layout).columns;
      let rows = new RatedCdrBatch(this.fx.hubCurrency);
      let rejected: RejectedRecord[] = [];
      let days = new Set<number>();
      let line = 0;
      // One chunk is written while the next is parsed and rated; commits stay in file order.
      let writing: Promise<void> = Promise.resolve();
      const flush = async () => {
        const months = new Set([...days].map((day) => new Date(day * DAY_MS).toISOString().slice(0, 7)));
        const chunk = { jobId: job.id, sourceId: source.id, fileName: request.fileName, rows, traffic: rows.traffic.totals(), rejected, linesDone: line };
        rows = new RatedCdrBatch(this.fx.hubCurrency);
        rejected = [];
        days = new Set();
        await writing;
        writing = (async () => {
          const t = performance.now();
          await ensureMonthPartitions(this.databaseUrl, months);
          await writeChunk(this.dataSource, chunk);
          writeMs += performance.now() - t;
          request.afterChunk?.(chunk.linesDone);
        })();
        writing.catch(() => undefined); // surfaced by the next await
      };
      for await (const batch of csvRowBatches(request.body, layout.delimiter)) {
        for (const values of batch) {
          line++;
          // Rating holds the thread; the chunk being written needs it to keep PostgreSQL's socket full.
          if (line % YIELD_EVERY === 0) await new Promise(setImmediate);
          if (!columns) {
            const resolved = resolveCdrColumns(layout, values);
            if (resolved.missing.length > 0) throw new CdrFileError(`${request.fileName}: line 1: the header lacks ${resolved.missing.join(", ")}`);
            columns = resolved.columns;
            continue;
          }
          if (line <= job.linesDone) continue;
          const parsed = parseCdr(values, columns, layout, rules);
          if (!parsed.cdr) {
            rejected.push({ line, field: parsed.problem!.field, reason: parsed.problem!.message, raw: values.join(layout.delimiter) });
          } else {
            const cdr = parsed.cdr;
            const day = Math.floor(cdr.start.getTime() / DAY_MS);
            let fx = fxByDay.get(day);
            if (!fx) fxByDay.set(day, (fx = await this.fx.lookupOn(new Date(day * DAY_MS).toISOString().slice(0, 10))));
            days.add(day);
            rows.add(source.id, job.id, line, cdr, rateCdr(cdr, trunks, billable, pricing), labels.label(cdr.bNumber) ?? null, fx);
          }
          if (rows.size + rejected.length >= chunkSize) await flush();
        }
      }
      await flush();
      await writing;
      return await this.complete(job.id, { totalMs: Math.round(performance.now() - started), writeMs: Math.round(writeMs) });
    } catch (err) {
      request.body.resume();
      // An unreadable file fails for good; anything else (a crash, the database) leaves the job to resume.
      const status = err instanceof CdrFileError ? JobStatus.FAILED : JobStatus.RUNNING;
      await this.dataSource.getRepository(IngestionJob).update({ id: job.id, status: JobStatus.RUNNING }, { status, error: (err as Error).message.slice(0, 2000), finishedAt: status === JobStatus.FAILED ? new Date() : null });
      throw err;
    } finally {
      await lock.end().catch(() => undefined);
    }
  }

  /**
   * One process at a time works on a job: a session lock, released when this connection closes — also when
   * the process dies, so the file can then be resumed.
   */
  private async claim(jobId: string): Promise<Client> {
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    const { rows } = await client.query("SELECT pg_try_advisory_lock(hashtext($1)) AS claimed", [`ingestion:${jobId}`]);
    if (!rows[0].claimed) {
      await client.end();
      throw new ConflictError("This file is being ingested right now by another request; its job will finish it", { jobId });
    }
    return client;
  }

  /** A RUNNING job for the same file resumes where its last committed chunk ended. */
  private async openJob(source: CdrSource, request: CdrIngestRequest): Promise<IngestionJob> {
    const repo = this.dataSource.getRepository(IngestionJob);
    if (request.fileSha256) {
      const running = await repo.findOneBy({ sourceId: source.id, fileSha256: request.fileSha256, status: JobStatus.RUNNING });
      if (running) return running;
    }
    try {
      return await repo.save({ id: newId(), sourceId: source.id, fileName: request.fileName, fileSha256: request.fileSha256 ?? null, status: JobStatus.RUNNING, read: 0, rated: 0, duplicate: 0, rejected: 0, unrated: 0, linesDone: 0, startedAt: new Date(), finishedAt: null, firstCallAt: null, lastCallAt: null, error: null, timings: {} });
    } catch (err) {
      if (isUniqueViolation(err)) return (await repo.findOneBy({ sourceId: source.id, fileSha256: request.fileSha256!, status: JobStatus.RUNNING }))!;
      throw err;
    }
  }

  /** Marks the job done and publishes its traffic per partner, in one transaction: a resumed job publishes once. */
  private complete(jobId: string, timings: Record<string, number>): Promise<IngestionJob> {
    return this.dataSource.transaction(async (manager) => {
      const job = await manager.findOneOrFail(IngestionJob, { where: { id: jobId }, lock: { mode: "pessimistic_write" } });
      if (job.status === JobStatus.COMPLETED) return job;
      const traffic = (await manager.query(`SELECT role, partner_id, currency, calls::int, seconds::bigint, amount::text FROM rating.job_traffic WHERE job_id = $1 ORDER BY role, partner_id, currency`, [jobId])) as Array<{
        role: string;
        partner_id: string;
        currency: string;
        calls: number;
        seconds: string;
        amount: string;
      }>;
      for (const t of traffic) {
        await appendEvent(manager, { topic: "traffic", type: "usage.rated", key: t.partner_id, producer: "rating", payload: { jobId, partnerId: t.partner_id, role: t.role, currency: t.currency, calls: t.calls, seconds: Number(t.seconds), amount: t.amount } });
      }
      job.status = JobStatus.COMPLETED;
      job.finishedAt = new Date();
      job.error = null;
      job.timings = timings;
      return manager.save(job);
    });
  }
}

const DAY_MS = 86_400_000;
const YIELD_EVERY = 64;
