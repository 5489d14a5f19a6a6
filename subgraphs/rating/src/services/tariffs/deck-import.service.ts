import type { Readable } from "node:stream";
import type { DataSource, QueryRunner } from "typeorm";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { GraphQLError } from "graphql";
import { auditSnapshot, appendEvent, AuditedEntity, clipText, describePrincipal, newId, NotFoundError, type Principal } from "@intersettle/shared";
import { DeckFileFormat, ImportMode, RateCard, RateCardVersion } from "../../entities";
import { parseDeckRow, resolveDeckColumns, type DeckLayout, type DeckProblem } from "../../domain/rate-deck";
import { deckRows } from "./deck-reader";
import { copyLine, CopyBatcher } from "@intersettle/shared";
import type { PartnerDirectory } from "../partner-settings/partner-directory";
import { applyDeckSql } from "./deck-apply-sql";
import { ratingAudit } from "../audit-trail";

export interface DeckImportRequest {
  rateCardId: string;
  mode: ImportMode;
  source: Readable;
  fileFormat: DeckFileFormat;
  fileName?: string;
  layout?: DeckLayout & { delimiter?: string };
  /** Default effective date of rows, and when FULL mode closes missing prefixes; default now. */
  effectiveFrom?: Date;
  onProgress?: (rowsRead: number) => void;
}

/** Problems listed in the error; the count covers all of them. */
const MAX_LISTED_PROBLEMS = 1000;

/** BAD_USER_INPUT for a deck that is rejected whole, with its problems by line and column and how many were left unlisted. */
export class DeckRejectedError extends GraphQLError {
  constructor(fileName: string | undefined, found: DeckProblem[], problemCount: number) {
    // Messages quote cells already clipped (clipping them again would cut off what is wrong with the cell).
    const problems = found.map((p) => ({ line: p.line, column: clipText(p.column), message: p.message }));
    const listed = problems.length;
    const unlisted = problemCount - listed;
    const head = problems.slice(0, 5).map((p) => `line ${p.line}, ${p.column}: ${p.message}`).join("; ");
    const counts = `${problemCount} problem${problemCount === 1 ? "" : "s"}, ${listed} listed, ${unlisted} not listed`;
    super(`Rate deck ${fileName ? `${clipText(fileName)} ` : ""}rejected, nothing applied: ${counts}; ${head}${listed > 5 ? "; …" : ""}`, {
      extensions: { code: "BAD_USER_INPUT", fileName, problemCount, listed, unlisted, problems },
    });
  }
}

/** Every problem of a deck counted, the first MAX_LISTED_PROBLEMS by line kept to list. */
class DeckProblemTally {
  count = 0;
  readonly listed: DeckProblem[] = [];

  add(found: DeckProblem[]): void {
    this.count += found.length;
    this.listed.push(...found.slice(0, MAX_LISTED_PROBLEMS - this.listed.length));
  }

  /** Adds problems found apart (at most the first MAX_LISTED by line of `total`), keeping the list in line order. */
  merge(found: DeckProblem[], total: number): void {
    this.count += total;
    const merged = [...this.listed, ...found].sort((a, b) => a.line - b.line); // stable: a row's own problems stay first
    this.listed.splice(0, this.listed.length, ...merged.slice(0, MAX_LISTED_PROBLEMS));
  }
}

/**
 * Imports a deck as a new version of a card: rows stream through validation into a COPY staging table,
 * then the diff and its application run as set-based SQL in the same transaction. A deck with any bad row
 * is rejected whole.
 */
export class DeckImportService {
  constructor(private readonly dataSource: DataSource, private readonly partners: PartnerDirectory) {}

  async import(principal: Principal, request: DeckImportRequest): Promise<RateCardVersion> {
    const card = await this.dataSource.getRepository(RateCard).findOneBy({ id: request.rateCardId });
    if (!card) throw new NotFoundError("RateCard", request.rateCardId);
    const owner = await this.partners.get(card.partnerId);
    const effectiveFrom = request.effectiveFrom ?? new Date();
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    // A deck of millions of rows may apply for longer than a client's query may run.
    await runner.query("SET LOCAL statement_timeout = 0");
    try {
      const locked = await runner.manager.findOne(RateCard, { where: { id: card.id }, lock: { mode: "pessimistic_write" } });
      const rowCount = await this.stage(runner, request, { zone: owner.timezone, effectiveFrom, bands: new Set(card.timeBands.map((b) => b.name)) });
      const version = locked!.currentVersion + 1;
      const versionId = newId();
      await runner.manager.insert(RateCardVersion, {
        id: versionId,
        rateCardId: card.id,
        version,
        mode: request.mode,
        effectiveFrom,
        fileName: request.fileName ?? null,
        importedBy: describePrincipal(principal),
        importedAt: new Date(),
        rowCount,
        newCount: 0,
        increasedCount: 0,
        decreasedCount: 0,
        unchangedCount: 0,
        closedCount: 0,
      });
      const counts = await applyDeckSql(runner, { cardId: card.id, version, versionId, mode: request.mode, effectiveFrom });
      await runner.manager.update(RateCardVersion, { id: versionId }, counts);
      await runner.manager.update(RateCard, { id: card.id }, { currentVersion: version });
      const published = { rateCardId: card.id, version, mode: request.mode, effectiveFrom, fileName: request.fileName ?? null, rowCount, ...counts };
      await ratingAudit.record(runner.manager, principal, { entityType: AuditedEntity.RATE_CARD_VERSION, entityId: versionId, partnerId: card.partnerId, action: "rate_card_version.published", before: null, after: auditSnapshot(published) });
      await appendEvent(runner.manager, {
        topic: "rates",
        type: "rate_card.published",
        key: card.partnerId,
        producer: "rating",
        payload: { rateCardId: card.id, partnerId: card.partnerId, direction: card.direction, service: card.service, currency: card.currency, version, mode: request.mode, effectiveFrom, ...counts },
      });
      await runner.commitTransaction();
      return (await this.dataSource.getRepository(RateCardVersion).findOneBy({ id: versionId }))!;
    } catch (err) {
      await runner.rollbackTransaction();
      request.source.destroy();
      throw err;
    } finally {
      await runner.release();
    }
  }

  /**
   * Validates every row and COPYs the valid ones into a transaction-scoped staging table; returns the row count.
   * A row with problems is staged by its key alone (prefix and band) when those are valid, so that duplicates
   * are found alongside every other problem.
   */
  private async stage(runner: QueryRunner, request: DeckImportRequest, ctx: { zone: string; effectiveFrom: Date; bands: Set<string> }): Promise<number> {
    await runner.query(`CREATE TEMP TABLE deck_staging (
      line int, prefix text, destination text, time_band text, rate numeric, next_rate numeric, connect_fee numeric,
      initial_interval int, next_interval int, grace_period int, effective_from timestamptz, effective_to timestamptz) ON COMMIT DROP`);
    const client = (await runner.connect()) as PoolClient;
    const copy = client.query(copyFrom("COPY deck_staging FROM STDIN"));
    const copied = new Promise<void>((resolve, reject) => {
      copy.on("finish", resolve);
      copy.on("error", reject);
    });
    const batcher = new CopyBatcher(copy);
    const layout = request.layout ?? {};
    const problems = new DeckProblemTally();
    let columns: ReturnType<typeof resolveDeckColumns>["columns"] | undefined;
    let headerLine = 0;
    let rows = 0;
    for await (const read of deckRows(request.source, request.fileFormat, layout.delimiter)) {
      if (!("values" in read)) {
        problems.add([{ line: read.line, column: "record", message: read.reason }]);
        continue;
      }
      const { values, line } = read;
      if (!columns) {
        const resolved = resolveDeckColumns(values, layout, line);
        problems.add(resolved.problems);
        columns = resolved.columns;
        headerLine = line;
        if (resolved.problems.length > 0) break;
        continue;
      }
      rows++;
      const parsed = parseDeckRow(values, line, columns, { layout, zone: ctx.zone, defaultEffectiveFrom: ctx.effectiveFrom, bands: ctx.bands });
      problems.add(parsed.problems);
      const r = parsed.row;
      if (r) {
        await batcher.add(copyLine([line, r.prefix, r.destination, r.timeBand, r.rate.toFixed(), r.nextRate.toFixed(), r.connectFee.toFixed(), r.initialInterval, r.nextInterval, r.gracePeriod, r.effectiveFrom.toISOString(), r.effectiveTo?.toISOString() ?? null]));
      } else if (parsed.key) {
        await batcher.add(copyLine([line, parsed.key.prefix, null, parsed.key.timeBand, null, null, null, null, null, null, null, null]));
      }
      if (rows % 5000 === 0) request.onProgress?.(rows);
    }
    await batcher.flush();
    copy.end();
    await copied;
    request.onProgress?.(rows);
    if (!columns && problems.count === 0) problems.add([{ line: 1, column: "header", message: "the file is empty" }]);
    else if (rows === 0 && problems.count === 0) problems.add([{ line: headerLine + 1, column: "prefix", message: "the deck has no rate rows" }]);
    if (rows > 0) {
      const duplicates = await this.duplicates(runner, layout.columns?.prefix ?? "prefix");
      problems.merge(duplicates.listed, duplicates.count);
    }
    if (problems.count > 0) throw new DeckRejectedError(request.fileName, problems.listed, problems.count);
    return rows;
  }

  /** Every staged row whose key an earlier line already has, counted; the first MAX_LISTED_PROBLEMS by line listed. */
  private async duplicates(runner: QueryRunner, column: string): Promise<{ listed: DeckProblem[]; count: number }> {
    // Grouping first keeps a clean deck to one hash aggregate; coalesce lets the join hash (band names are never empty).
    const found = (await runner.query(
      `WITH repeated AS (
         SELECT prefix, coalesce(time_band, '') AS band, min(line) AS first_line FROM deck_staging GROUP BY 1, 2 HAVING count(*) > 1)
       SELECT s.line, s.prefix, s.time_band, r.first_line, count(*) OVER ()::int AS total
         FROM deck_staging s JOIN repeated r ON r.prefix = s.prefix AND r.band = coalesce(s.time_band, '')
        WHERE s.line > r.first_line ORDER BY s.line LIMIT ${MAX_LISTED_PROBLEMS}`,
    )) as Array<{ line: number; prefix: string; time_band: string | null; first_line: number; total: number }>;
    return {
      count: found[0]?.total ?? 0,
      listed: found.map((d) => ({ line: d.line, column, message: `prefix ${d.prefix}${d.time_band ? ` (${d.time_band})` : ""} is already on line ${d.first_line}` })),
    };
  }
}
