import type { DataSource, QueryRunner } from "typeorm";
import { NotFoundError, type TariffExportLine } from "@intersettle/shared";
import { cardLine, fxLine, planLine, rateLine, type StoredCard, type StoredRate } from "../../domain/tariffs/tariff-export-lines";

/** Rows fetched from a cursor at a time, and so lines per chunk written: a large deck never sits in memory whole. */
const BATCH_ROWS = 2000;

/** Cards the export carries: every card named by a price plan (routing can reach no other). */
const PLANNED_CARDS = `SELECT rate_card_id FROM rating.price_plan`;

/**
 * Rating's tariffs for routing's index, as NDJSON (see TariffExportLine): read in one REPEATABLE READ snapshot, so plans,
 * cards and rates agree with each other, through server-side cursors, so memory stays flat however many rates there are.
 */
export class TariffExportService {
  constructor(private readonly dataSource: DataSource) {}

  /** Chunks of whole lines; the last line is the `end` line. Stopping the iteration early releases the connection. */
  async *ndjson(cardId?: string): AsyncGenerator<string> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const cardFilter = cardId ? `SELECT $1::uuid AS id` : PLANNED_CARDS;
      const params = cardId ? [cardId] : [];
      const cards = (await runner.query(
        `SELECT c.id, c.partner_id, c.direction, c.service, c.currency, s.timezone, c.time_bands, c.current_version
           FROM rating.rate_card c JOIN rating.partner_settings s ON s.partner_id = c.partner_id
          WHERE c.id IN (${cardFilter}) ORDER BY c.id`,
        params,
      )) as StoredCard[];
      if (cardId && cards.length === 0) throw new NotFoundError("RateCard", cardId);
      if (!cardId) {
        yield* batches(runner, `SELECT id, partner_id, direction, service, rate_card_id, trunk_mapping_id, agreement_id, effective_from, effective_to FROM rating.price_plan ORDER BY id`, [], planLine);
        yield* batches(runner, `SELECT base, quote, trim_scale(rate)::text AS rate, to_char(effective_date, 'YYYY-MM-DD') AS effective_date FROM rating.exchange_rate ORDER BY base, quote, effective_date`, [], fxLine);
      }
      // Cards and rates come in the same order (card id), so each card's line goes just before its rows.
      let next = 0;
      let rateCount = 0;
      const rates = rows<StoredRate>(
        runner,
        `SELECT rate_card_id, prefix, destination, time_band, trim_scale(rate)::text AS rate, trim_scale(next_rate)::text AS next_rate,
                trim_scale(connect_fee)::text AS connect_fee, initial_interval, next_interval, grace_period, effective_from, effective_to, version
           FROM rating.rate WHERE superseded_in IS NULL AND rate_card_id IN (${cardFilter})
          ORDER BY rate_card_id, prefix, effective_from, time_band NULLS FIRST`,
        params,
      );
      for await (const batch of rates) {
        const lines: TariffExportLine[] = [];
        for (const r of batch) {
          while (next < cards.length && cards[next - 1]?.id !== r.rate_card_id) lines.push(cardLine(cards[next++]));
          lines.push(rateLine(r));
        }
        rateCount += batch.length;
        yield ndjsonChunk(lines);
      }
      const rest = cards.slice(next).map(cardLine);
      yield ndjsonChunk([...rest, { kind: "end", cards: cards.length, rates: rateCount }]);
    } finally {
      // Read only: ending the snapshot with ROLLBACK is the same as COMMIT, and also ends one stopped half way.
      await runner.query("ROLLBACK").catch(() => undefined);
      await runner.release();
    }
  }
}

async function* batches<R>(runner: QueryRunner, sql: string, params: unknown[], line: (row: R) => TariffExportLine): AsyncGenerator<string> {
  for await (const batch of rows<R>(runner, sql, params)) yield ndjsonChunk(batch.map(line));
}

let cursors = 0;

/** A query's rows in batches through a server-side cursor (the runner is inside a transaction). */
async function* rows<R>(runner: QueryRunner, sql: string, params: unknown[]): AsyncGenerator<R[]> {
  const name = `tariff_export_${++cursors}`;
  await runner.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
  for (;;) {
    const batch = (await runner.query(`FETCH FORWARD ${BATCH_ROWS} FROM ${name}`)) as R[];
    if (batch.length > 0) yield batch;
    if (batch.length < BATCH_ROWS) break;
  }
  await runner.query(`CLOSE ${name}`);
}

function ndjsonChunk(lines: TariffExportLine[]): string {
  let chunk = "";
  for (const l of lines) chunk += JSON.stringify(l) + "\n";
  return chunk;
}
