import type { Readable } from "node:stream";
import type { DataSource, QueryRunner } from "typeorm";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { GraphQLError } from "graphql";
import { appendEvent, AuditedEntity, clipText, describePrincipal, newId, NotFoundError, type Principal } from "@intersettle/shared";
import { DeckFileFormat, ImportMode, RateCard, RateCardVersion } from "../../entities";
import { parseDeckRow, resolveDeckColumns, type DeckLayout, type DeckProblem } from "../../domain/rate-deck";
import { deckRows } from "./deck-reader";
import { copyLine, CopyBatcher } from "../mediation/copy-text";
import type { PartnerDirectory } from "../partner-settings/partner-directory";
import { applyDeckSql } from "./deck-apply-sql";
import { auditSnapshot, ratingAudit } from "../audit-trail";

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

/** BAD_USER_INPUT for a deck that is rejected whole, with every problem by line and column. */
export class DeckRejectedError extends GraphQLError {
  constructor(fileName: string | undefined, found: DeckProblem[], problemCount: number) {
    const problems = found.map((p) => ({ line: p.line, column: clipText(p.column), message: clipText(p.message) }));
    const head = problems.slice(0, 5).map((p) => `line ${p.line}, ${p.column}: ${p.message}`).join("; ");
    super(`Rate deck ${fileName ?? ""} rejected, nothing applied: ${problemCount} problem(s); ${head}${problemCount > 5 ? "; …" : ""}`.replace("  ", " "), {
      extensions: { code: "BAD_USER_INPUT", fileName, problemCount, problems },
    });
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

  /** Validates every row and COPYs the valid ones into a transaction-scoped staging table; returns the row count. */
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
    const problems: DeckProblem[] = [];
    let problemCount = 0;
    const report = (found: DeckProblem[]) => {
      problemCount += found.length;
      problems.push(...found.slice(0, MAX_LISTED_PROBLEMS - problems.length));
    };
    let columns: ReturnType<typeof resolveDeckColumns>["columns"] | undefined;
    let line = 0;
    for await (const read of deckRows(request.source, request.fileFormat, layout.delimiter)) {
      if (!("values" in read)) {
        report([{ line: read.line, column: "record", message: read.reason }]);
        continue;
      }
      const values = read.values;
      line++;
      if (!columns) {
        const resolved = resolveDeckColumns(values, layout);
        report(resolved.problems);
        columns = resolved.columns;
        if (resolved.problems.length > 0) break;
        continue;
      }
      const parsed = parseDeckRow(values, line, columns, { layout, zone: ctx.zone, defaultEffectiveFrom: ctx.effectiveFrom, bands: ctx.bands });
      if (parsed.problems.length > 0) report(parsed.problems);
      else if (problemCount === 0) {
        const r = parsed.row!;
        const text = copyLine([line, r.prefix, r.destination, r.timeBand, r.rate.toFixed(), r.nextRate.toFixed(), r.connectFee.toFixed(), r.initialInterval, r.nextInterval, r.gracePeriod, r.effectiveFrom.toISOString(), r.effectiveTo?.toISOString() ?? null]);
        await batcher.add(text);
      }
      if (line % 5000 === 0) request.onProgress?.(line - 1);
    }
    await batcher.flush();
    copy.end();
    await copied;
    const rows = Math.max(0, line - 1);
    request.onProgress?.(rows);
    if (!columns && problemCount === 0) report([{ line: 1, column: "header", message: "the file is empty" }]);
    else if (rows === 0 && problemCount === 0) report([{ line: 2, column: "prefix", message: "the deck has no rate rows" }]);
    if (problemCount === 0) {
      const duplicates = await runner.query(
        `SELECT prefix, time_band, array_agg(line ORDER BY line) AS lines FROM deck_staging GROUP BY prefix, time_band HAVING count(*) > 1 ORDER BY min(line) LIMIT ${MAX_LISTED_PROBLEMS}`,
      );
      for (const d of duplicates as Array<{ prefix: string; time_band: string | null; lines: number[] }>) {
        report(d.lines.slice(1).map((l) => ({ line: l, column: layout.columns?.prefix ?? "prefix", message: `prefix ${d.prefix}${d.time_band ? ` (${d.time_band})` : ""} is already on line ${d.lines[0]}` })));
      }
    }
    if (problemCount > 0) throw new DeckRejectedError(request.fileName, problems, problemCount);
    return rows;
  }
}
