import { createHash } from "node:crypto";
import { layoutFor, type CdrLayout, resolveCdrColumns, type CdrColumnIndex } from "@intersettle/shared";
import { availableParallelism } from "node:os";
import { Readable } from "node:stream";
import type { DataSource } from "typeorm";
import { appendEvent, AuditedEntity, claimJob, csvBlocks, ensureMonthPartitions, firstCsvRecord, IngestionFileError, IngestionInterruptedError, JobLedger, type IngestRequest, OrderedWrites, recordIngestionJob, textOnly, type CdrValueSettings, type CsvBlock, type Logger, type Principal } from "@intersettle/shared";
import { ratingAudit } from "../audit-trail";
import { IngestionJob, JobStatus, type CdrSource } from "../../entities";
import { FxHistory } from "@intersettle/shared";
import { rateBlock, type BlockRating, type RatedBlock } from "./cdr-block-rating";
import { writeChunk } from "./cdr-chunk-writer";
import { CdrRatingPool, type BlockRatingSnapshot } from "./cdr-rating-pool";
import { loadSourceRating, sourceRules } from "./partner-pricing";
import type { CdrSourceService } from "./cdr-source.service";
import { destinationLookup, type DestinationLabels } from "../reference-data/destination-labels";
import type { FxService } from "../reference-data/fx.service";
import type { PartnerAgreements } from "../partner-settings/partner-agreements";
import type { PartnerDirectory } from "../partner-settings/partner-directory";
import type { RatingCardCache } from "../tariffs/rating-card-cache";
import type { IrsfRangeService } from "../fraud/irsf-range.service";
import type { FraudRulesService } from "../fraud/fraud-rules.service";
import { irsfIndex } from "../../domain/fraud/irsf-ranges";
import { trafficBatchEvents } from "../traffic/traffic-events";

export type CdrIngestRequest = IngestRequest;

/**
 * Streams a CDR file through parsing, normalization and rating of both legs into rated_cdr, a chunk per
 * transaction. Memory stays flat whatever the file size; a job killed mid-file resumes at its last chunk.
 */
export class CdrIngestionService {
  private readonly ledger: JobLedger<IngestionJob>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sources: CdrSourceService,
    private readonly partners: PartnerDirectory,
    private readonly agreements: PartnerAgreements,
    private readonly cache: RatingCardCache,
    private readonly fx: FxService,
    private readonly destinations: DestinationLabels,
    private readonly databaseUrl: string,
    private readonly cdrValues: CdrValueSettings,
    private readonly fraud: { irsf: IrsfRangeService; rules: FraudRulesService },
    private readonly logger?: Logger,
  ) {
    this.ledger = new JobLedger(dataSource, {
      entity: IngestionJob, audit: ratingAudit, entityType: AuditedEntity.INGESTION_JOB, action: "ingestion_job", label: "CDR", outcome: jobOutcome, logger,
      counters: { read: 0, rated: 0, duplicate: 0, rejected: 0, unrated: 0, blocked: 0, firstCallAt: null, lastCallAt: null, timings: {} },
    });
  }

  /** A small file given inline: its SHA-256 is taken here, so sending it again is recognized like an uploaded file. */
  ingestContent(principal: Principal, request: { source: string; fileName: string; content: string }): Promise<IngestionJob> {
    const fileSha256 = createHash("sha256").update(request.content).digest("hex");
    return this.ingest(principal, { source: request.source, fileName: request.fileName, body: Readable.from([Buffer.from(request.content)]), fileSha256 });
  }

  async ingest(principal: Principal, request: CdrIngestRequest): Promise<IngestionJob> {
    const source = await this.sources.get(request.source);
    const job = await this.ledger.open(principal, source, request.fileName, request.fileSha256);
    const lock = await claimJob(this.databaseUrl, job.id);
    const started = performance.now();
    let writeMs = 0;
    let pool: CdrRatingPool | undefined;
    let writes: OrderedWrites<RatedBlock> | undefined;
    try {
      const context = await this.ratingContext(source, job.id);
      let rating: BlockRating | undefined;
      let skipThrough = job.linesDone;
      const startThreads = async (count: number) => new CdrRatingPool(await context.snapshot(rating!.columns), count);
      writes = new OrderedWrites<RatedBlock>(RATING_THREADS + 1, async (rated) => {
        const t = performance.now();
        await ensureMonthPartitions(this.databaseUrl, "rating.rated_cdr", rated.months);
        await writeChunk(this.dataSource, {
          jobId: job.id, sourceId: source.id, fileName: request.fileName, fileSha256: job.fileSha256, rows: rated.rows, traffic: rated.traffic, rejected: rated.rejected, linesDone: rated.lastLine,
          events: trafficBatchEvents(context.events, rated.blocked, rated.signals),
        });
        writeMs += performance.now() - t;
        request.afterChunk?.(rated.lastLine);
      });
      const submit = async (block: CsvBlock) => {
        // Partner status as each block is rated: a partner blocked mid-file has its later calls marked.
        const blocked = await this.partners.blockedIds();
        return writes!.submit(pool ? pool.rate(block, skipThrough, blocked) : Promise.resolve().then(() => rateBlock(block, skipThrough, rating!, blocked)));
      };
      let held: CsvBlock | undefined;
      // 50,000 lines (~16 MB of COPY data) per transaction: fewer commits and aggregate upserts; a crash redoes at most one.
      for await (const block of csvBlocks(Readable.from(textOnly(request.body, request.fileName)), context.layout.delimiter, request.chunkSize ?? 50_000)) {
        if (request.signal?.aborted) break;
        if (!rating) {
          const columns = context.layout.header ? this.headerColumns(block, context.layout, request.fileName) : resolveCdrColumns(context.layout).columns;
          if (context.layout.header) skipThrough = Math.max(skipThrough, 1);
          rating = context.rating(columns);
        }
        if (block.firstLine + block.lines - 1 <= job.linesDone) continue;
        // Threads pay off from a file's second block on.
        if (!pool && !held) {
          held = block;
          continue;
        }
        if (!pool) {
          pool = await startThreads(RATING_THREADS);
          await submit(held!);
          held = undefined;
        }
        await submit(block);
      }
      if (request.signal?.aborted) {
        // Blocks rated but not yet written are rated again when the job resumes after the last written one.
        await writes.abandon();
        throw new IngestionInterruptedError(job.id);
      }
      if (held) {
        if (held.lines > INLINE_LINES) pool = await startThreads(1);
        await submit(held);
      }
      await writes.finish();
      const done = await this.complete(principal, job.id, { totalMs: Math.round(performance.now() - started), writeMs: Math.round(writeMs), ratingThreads: pool?.size ?? 0 });
      recordIngestionJob(done.status, done);
      return done;
    } catch (err) {
      // An interrupted file is not read to its end; a failed upload's body is drained so the answer can be sent.
      if (err instanceof IngestionInterruptedError) {
        request.body.destroy();
        await this.ledger.interrupted(job.id, err.message);
        recordIngestionJob(JobStatus.RUNNING);
        throw err;
      }
      request.body.resume();
      // Chunks already under way are written or dropped before the job is marked, so none lands after.
      await writes?.abandon();
      return this.fail(principal, job.id, request.fileName, err);
    } finally {
      await pool?.close();
      await lock.end().catch(() => undefined);
    }
  }

  /** The job FAILED with a reason operators can act on (see JobLedger.fail). */
  private async fail(principal: Principal, jobId: string, fileName: string, err: unknown): Promise<IngestionJob> {
    const failed = await this.ledger.fail(principal, jobId, fileName, err);
    recordIngestionJob(JobStatus.FAILED);
    return failed;
  }

  /** The header row's columns; a header lacking a required column fails the file. */
  private headerColumns(first: CsvBlock, layout: CdrLayout, fileName: string): CdrColumnIndex {
    const header = firstCsvRecord(first.bytes, layout.delimiter);
    if (header && !("values" in header)) throw new IngestionFileError(`${fileName}: line 1: the header cannot be read: ${header.reason}`);
    const resolved = resolveCdrColumns(layout, header?.values ?? []);
    if (resolved.missing.length > 0) throw new IngestionFileError(`${fileName}: line 1: the header lacks ${resolved.missing.join(", ")}`);
    return resolved.columns;
  }

  /** The source's rating context as it is when the job starts: for rating here, or as a snapshot for threads. */
  private async ratingContext(source: CdrSource, jobId: string) {
    const sourceRating = await loadSourceRating(this.dataSource, this.sources, this.partners, this.agreements, this.cache, source);
    const destinations = await this.destinations.entries();
    const exchangeRates = await this.fx.records();
    const layout = layoutFor(source.format, source.layout ?? undefined);
    const rules = sourceRules(source, this.cdrValues, new Date());
    const common = { sourceId: source.id, jobId, hubCurrency: this.fx.hubCurrency, layout, rules };
    const partnerIds = [...new Set(sourceRating.mappings.map((m) => m.partnerId).filter((p): p is string => !!p))];
    const irsfRanges = await this.fraud.irsf.current();
    const pumping = await this.fraud.rules.pumpingWatches(partnerIds);
    return {
      layout,
      events: { jobId, kind: "INGEST" as const, baseCurrency: this.fx.hubCurrency, currencies: await this.partners.currencies(partnerIds), fx: new FxHistory(exchangeRates) },
      rating: (columns: CdrColumnIndex): BlockRating => ({
        ...common, columns, trunks: sourceRating.trunks, billable: sourceRating.billable, pricing: sourceRating.pricing, labels: destinationLookup(destinations), fx: new FxHistory(exchangeRates),
        signals: { irsf: irsfRanges.length > 0 ? irsfIndex(irsfRanges) : null, pumping: new Map(pumping) },
      }),
      snapshot: async (columns: CdrColumnIndex): Promise<BlockRatingSnapshot> => ({
        ...common,
        columns,
        mappings: sourceRating.mappings,
        billable: sourceRating.billable,
        cards: sourceRating.book.cards.map(({ partnerId, direction, pricing: { card, cardId, rounding }, records }) => ({
          partnerId, direction, cardId, rounding, spec: { service: card.service, currency: card.currency, timezone: card.timezone, bands: card.bands }, records,
        })),
        plans: sourceRating.book.plans,
        agreements: sourceRating.book.agreements,
        timezones: sourceRating.book.timezones,
        destinations,
        exchangeRates,
        irsfRanges,
        pumping,
      }),
    };
  }

  /** Marks the job done and publishes its traffic per partner, in one transaction: a resumed job publishes once. */
  private complete(principal: Principal, jobId: string, timings: Record<string, number>): Promise<IngestionJob> {
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
      const saved = await manager.save(job);
      await ratingAudit.record(manager, principal, { entityType: AuditedEntity.INGESTION_JOB, entityId: jobId, partnerId: null, action: "ingestion_job.completed", before: { status: JobStatus.RUNNING }, after: jobOutcome(saved) });
      return saved;
    });
  }
}

/** What a finished job's audit entry keeps: its outcome and counts (read = rated + duplicate + rejected + unrated). */
function jobOutcome(job: IngestionJob): Record<string, unknown> {
  return { status: job.status, error: job.error, read: job.read, rated: job.rated, duplicate: job.duplicate, rejected: job.rejected, unrated: job.unrated };
}

/** Parsing and rating threads for a file of more than one block: a core is left for this thread and PostgreSQL. */
const RATING_THREADS = Math.max(1, Math.min(4, availableParallelism() - 1));
/** A single block this small is rated on the calling thread: starting a thread would take longer. */
const INLINE_LINES = 5_000;
