import type { QueryRunner } from "typeorm";
import { ImportMode, RateChangeKind } from "../../entities";

export interface DeckApplyTarget {
  cardId: string;
  version: number;
  versionId: string;
  mode: ImportMode;
  effectiveFrom: Date;
}

export interface DeckCounts {
  newCount: number;
  increasedCount: number;
  decreasedCount: number;
  unchangedCount: number;
  closedCount: number;
}

const RATE_COLUMNS = "prefix, destination, time_band, rate, next_rate, connect_fee, initial_interval, next_interval, grace_period";

/**
 * Diffs deck_staging against the card's current rows and applies it as version N. Rows are never updated in
 * place: a changed row is marked superseded_in = N and, where part of its period stays, re-inserted cut short.
 */
export async function applyDeckSql(q: QueryRunner, t: DeckApplyTarget): Promise<DeckCounts> {
  const base = [t.cardId, t.version];
  // Temporary tables have no statistics until analyzed; without them the diff join plans badly.
  await q.query(`ANALYZE deck_staging`);
  // Each deck row against the row in force at its start (same prefix and band).
  await q.query(
    `CREATE TEMP TABLE deck_plan ON COMMIT DROP AS
     SELECT s.*, c.id AS covering_id, c.rate AS old_rate, c.effective_from AS covering_from, c.effective_to AS covering_to,
       (c.id IS NULL OR (s.rate, s.next_rate, s.connect_fee, s.initial_interval, s.next_interval, s.grace_period, s.destination)
          IS DISTINCT FROM (c.rate, c.next_rate, c.connect_fee, c.initial_interval, c.next_interval, c.grace_period, c.destination)
          OR s.effective_to IS DISTINCT FROM c.effective_to) AS needs_write,
       CASE WHEN c.id IS NULL THEN '${RateChangeKind.NEW}'
            WHEN s.rate > c.rate OR (s.rate = c.rate AND s.next_rate > c.next_rate)
              OR (s.rate = c.rate AND s.next_rate = c.next_rate AND s.connect_fee > c.connect_fee) THEN '${RateChangeKind.INCREASED}'
            WHEN s.rate < c.rate OR (s.rate = c.rate AND s.next_rate < c.next_rate)
              OR (s.rate = c.rate AND s.next_rate = c.next_rate AND s.connect_fee < c.connect_fee) THEN '${RateChangeKind.DECREASED}'
            ELSE '${RateChangeKind.UNCHANGED}' END AS kind
     FROM deck_staging s
     LEFT JOIN LATERAL (
       SELECT * FROM rating.rate r
        WHERE r.rate_card_id = $1 AND r.superseded_in IS NULL AND r.prefix = s.prefix AND r.time_band IS NOT DISTINCT FROM s.time_band
          AND r.effective_from <= s.effective_from AND (r.effective_to IS NULL OR r.effective_to > s.effective_from)
        ORDER BY r.effective_from DESC LIMIT 1) c ON true`,
    [t.cardId],
  );
  await q.query(`ANALYZE deck_plan`);
  await q.query(
    `INSERT INTO rating.rate_change (version_id, kind, prefix, time_band, destination, old_rate, new_rate, effective_from)
     SELECT $1::uuid, kind, prefix, time_band, destination, old_rate, rate, effective_from FROM deck_plan ORDER BY line`,
    [t.versionId],
  );

  if (t.mode === ImportMode.FULL) {
    // Prefixes the deck no longer lists close at the deck's effective date.
    await q.query(
      `CREATE TEMP TABLE deck_closed ON COMMIT DROP AS
       SELECT r.* FROM rating.rate r
        WHERE r.rate_card_id = $1 AND r.superseded_in IS NULL AND (r.effective_to IS NULL OR r.effective_to > $2::timestamptz)
          AND NOT EXISTS (SELECT 1 FROM deck_staging s WHERE s.prefix = r.prefix AND s.time_band IS NOT DISTINCT FROM r.time_band)`,
      [t.cardId, t.effectiveFrom],
    );
    await q.query(`UPDATE rating.rate SET superseded_in = $1::int WHERE id IN (SELECT id FROM deck_closed)`, [t.version]);
    await q.query(
      `INSERT INTO rating.rate (rate_card_id, ${RATE_COLUMNS}, effective_from, effective_to, version, written_in)
       SELECT rate_card_id, ${RATE_COLUMNS}, effective_from, $2::timestamptz, version, $1::int FROM deck_closed WHERE effective_from < $2::timestamptz`,
      [t.version, t.effectiveFrom],
    );
    await q.query(
      `INSERT INTO rating.rate_change (version_id, kind, prefix, time_band, destination, old_rate, new_rate, effective_from)
       SELECT DISTINCT ON (prefix, time_band) $1::uuid, '${RateChangeKind.CLOSED}', prefix, time_band, destination, rate, NULL::numeric, $2::timestamptz
         FROM deck_closed ORDER BY prefix, time_band, effective_from`,
      [t.versionId, t.effectiveFrom],
    );
  }

  // Rows the deck replaces from its start on, then the row in force at that start, cut short (and resumed after a bounded deck row).
  await q.query(
    `UPDATE rating.rate r SET superseded_in = $2::int FROM deck_plan p
      WHERE p.needs_write AND r.rate_card_id = $1 AND r.superseded_in IS NULL AND r.prefix = p.prefix
        AND r.time_band IS NOT DISTINCT FROM p.time_band AND (r.effective_from >= p.effective_from OR r.id = p.covering_id)`,
    base,
  );
  await q.query(
    `INSERT INTO rating.rate (rate_card_id, ${RATE_COLUMNS}, effective_from, effective_to, version, written_in)
     SELECT r.rate_card_id, ${RATE_COLUMNS.split(", ").map((c) => `r.${c}`).join(", ")}, r.effective_from, p.effective_from, r.version, $1::int
       FROM deck_plan p JOIN rating.rate r ON r.id = p.covering_id WHERE p.needs_write AND r.effective_from < p.effective_from
     UNION ALL
     SELECT r.rate_card_id, ${RATE_COLUMNS.split(", ").map((c) => `r.${c}`).join(", ")}, p.effective_to, r.effective_to, r.version, $1::int
       FROM deck_plan p JOIN rating.rate r ON r.id = p.covering_id
      WHERE p.needs_write AND p.effective_to IS NOT NULL AND (r.effective_to IS NULL OR r.effective_to > p.effective_to)`,
    [t.version],
  );
  await q.query(
    `INSERT INTO rating.rate (rate_card_id, ${RATE_COLUMNS}, effective_from, effective_to, version, written_in)
     SELECT $1::uuid, ${RATE_COLUMNS}, effective_from, effective_to, $2::int, $2::int FROM deck_plan WHERE needs_write`,
    base,
  );

  const rows = (await q.query(`SELECT kind, count(*)::int AS n FROM rating.rate_change WHERE version_id = $1 GROUP BY kind`, [t.versionId])) as Array<{ kind: RateChangeKind; n: number }>;
  const count = (kind: RateChangeKind) => rows.find((r) => r.kind === kind)?.n ?? 0;
  return {
    newCount: count(RateChangeKind.NEW),
    increasedCount: count(RateChangeKind.INCREASED),
    decreasedCount: count(RateChangeKind.DECREASED),
    unchangedCount: count(RateChangeKind.UNCHANGED),
    closedCount: count(RateChangeKind.CLOSED),
  };
}
