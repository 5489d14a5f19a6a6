import type { DataSource, EntityManager } from "typeorm";
import { copyBinary, isRowError, isUniqueViolation, postgresError, quarantineRecords, refusingRows, rowRefusal, ROWS_REFUSED, splitCopyRows, writeFindingRefused, type RejectedRecord } from "@intersettle/shared";
import type { TrafficTotalsText } from "../../domain/mediation/traffic-tally";
import type { LegDestinationFigures } from "../../domain/traffic/traffic-batch";
import { RATED_CDR_COLUMNS, type RatedCdrBatch } from "./rated-cdr-batch";
import { describeRow, recordField } from "./rated-cdr-rows";

export type { RejectedRecord };

export interface ChunkOutcome {
  inserted: Inserted;
  duplicates: number;
}

/** Rows a write inserted: RATED, UNRATED, and those marked for a BLOCKED partner. */
interface Inserted {
  rated: number;
  unrated: number;
  blocked: number;
}

/** Appends a chunk's traffic events in its transaction, from the figures of the rows it inserted. */
export interface ChunkEvents {
  /** `whole`: every row of the chunk went in (what was seen while rating, such as fraud signals, holds for what was stored). */
  append(manager: EntityManager, figures: LegDestinationFigures[], whole: boolean): Promise<void>;
}

/** Rated calls as binary COPY data for rated_cdr, with what a chunk's write needs to know of them. */
export interface CopyRows {
  copyData: Buffer[];
  size: number;
  /** How many are RATED (the others UNRATED). */
  rated: number;
  /** How many have a leg whose partner was BLOCKED when they were rated. */
  blocked: number;
  /** The earliest and latest start among the calls: a job's calls are found between its bounds. */
  span: { firstMs: number; lastMs: number } | null;
}

/** A chunk of a file: its rows and rejects, and the line it ends at (where a resumed job starts again). */
export interface CdrChunk {
  jobId: string;
  sourceId: string;
  fileName: string;
  /** The file's SHA-256, when known: a reject of a file quarantined before (same source, file and line) is not stored twice. */
  fileSha256: string | null;
  rows: CopyRows;
  /** The rated rows' traffic, summed before the write (so the write's transaction never waits for it). */
  traffic: TrafficTotalsText;
  rejected: RejectedRecord[];
  linesDone: number;
  /** The traffic events of the chunk's rows, appended in its transaction. */
  events?: ChunkEvents;
}

/**
 * Writes one chunk in one transaction. Rows COPY straight into rated_cdr; if a key is already taken (a record
 * loaded before, which must not bill again) the COPY is undone and the chunk goes through staging with
 * ON CONFLICT DO NOTHING instead. Either way only newly inserted rows feed the traffic aggregates and job
 * totals, and the job's counters and resume point move in the same transaction. Should the database refuse a
 * row that validation let through, the rows it refuses are found and quarantined, and the others written.
 */
export async function writeChunk(dataSource: DataSource, chunk: CdrChunk): Promise<ChunkOutcome> {
  return dataSource.transaction(async (manager) => {
    const messages = chunk.rows.copyData;
    let refused: RejectedRecord[] = [];
    let inserted: Inserted = { rated: 0, unrated: 0, blocked: 0 };
    let figures: LegDestinationFigures[] = [];
    let whole = true;
    if (chunk.rows.size > 0) {
      const written = (await copyNewRows(manager, chunk, messages)) ?? (await refusingRows(manager, () => insertUntakenRows(manager, chunk, messages)));
      if (written === ROWS_REFUSED) ({ inserted, refused, figures } = await insertAcceptedRows(manager, chunk.jobId, splitCopyRows(messages)));
      else ({ legs: figures, ...inserted } = written!);
      whole = inserted.rated + inserted.unrated === chunk.rows.size;
    }
    const rejected = refused.length > 0 ? [...chunk.rejected, ...refused].sort((a, b) => a.line - b.line) : chunk.rejected;
    await quarantineRecords(manager, "rating.cdr_quarantine", chunk, rejected);
    const stored = chunk.rows.size - refused.length;
    const duplicates = stored - inserted.rated - inserted.unrated;
    const span = chunk.rows.span;
    await manager.query(
      `UPDATE rating.ingestion_job SET read_count = read_count + $2, rated_count = rated_count + $3, unrated_count = unrated_count + $4,
         duplicate_count = duplicate_count + $5, rejected_count = rejected_count + $6, lines_done = $7,
         first_call_at = least(first_call_at, $8), last_call_at = greatest(last_call_at, $9), blocked_count = blocked_count + $10 WHERE id = $1`,
      [chunk.jobId, chunk.rows.size + chunk.rejected.length, inserted.rated, inserted.unrated, duplicates, rejected.length, chunk.linesDone, span && new Date(span.firstMs), span && new Date(span.lastMs), inserted.blocked],
    );
    // Last: appending holds the event log's lock until commit.
    await chunk.events?.append(manager, figures, whole);
    return { inserted, duplicates };
  });
}

/**
 * The rows of a chunk the database refused, found by halving (writeFindingRefused): each part is written through
 * staging, ON CONFLICT DO NOTHING, and aggregated from the rows that went in.
 */
async function insertAcceptedRows(manager: EntityManager, jobId: string, rows: Buffer[]): Promise<{ inserted: Inserted; refused: RejectedRecord[]; figures: LegDestinationFigures[] }> {
  await manager.query(`CREATE TEMP TABLE cdr_rows ON COMMIT DROP AS SELECT * FROM rating.rated_cdr WITH NO DATA`);
  const inserted = { rated: 0, unrated: 0, blocked: 0 };
  const figures: LegDestinationFigures[] = [];
  const refused: RejectedRecord[] = [];
  const write = async (part: Buffer[]): Promise<void> => {
    await manager.query("TRUNCATE cdr_rows");
    await copyMessages(manager, part, "cdr_rows");
    const [counts] = (await manager.query(aggregateInserted(insertFrom("cdr_rows"), COUNT_INSERTED), [jobId])) as InsertedRows[];
    inserted.rated += counts.rated;
    inserted.unrated += counts.unrated;
    inserted.blocked += counts.blocked;
    figures.push(...counts.legs);
  };
  await writeFindingRefused(manager, rows, write, (row, err) => refused.push(refusal(row, err)));
  return { inserted, refused, figures };
}

/** A refused row as a quarantined record: its line, the field the database names (the call id for an index limit) and why. */
function refusal(row: Buffer, err: unknown): RejectedRecord {
  const e = postgresError(err)!;
  const column = e.column ?? /column (\w+)/.exec(e.where ?? "")?.[1] ?? (e.code === "54000" ? "call_id" : undefined);
  const { line, raw } = describeRow(row);
  return { line, field: recordField(column), reason: rowRefusal(err, CDR_ROW_REASONS), raw };
}

const CDR_ROW_REASONS = { "23514": "the call's start has no place to be stored (out of the partitions' range)" };

/** The common case, a chunk of calls never seen before: one COPY. Undefined when a key was taken, ROWS_REFUSED when a row was. */
async function copyNewRows(manager: EntityManager, chunk: CdrChunk, messages: Buffer[]): Promise<InsertedRows | typeof ROWS_REFUSED | undefined> {
  await manager.query("SAVEPOINT direct_copy");
  try {
    await copyMessages(manager, messages, "rating.rated_cdr");
  } catch (err) {
    if (!isUniqueViolation(err) && !isRowError(err)) throw err;
    await manager.query("ROLLBACK TO SAVEPOINT direct_copy");
    return isRowError(err) ? ROWS_REFUSED : undefined;
  }
  // Every row went in: the totals summed while rating are the aggregates' increments.
  await addTotals(manager, chunk.jobId, chunk.traffic);
  return { rated: chunk.rows.rated, unrated: chunk.rows.size - chunk.rows.rated, blocked: chunk.rows.blocked, legs: chunk.traffic.legs };
}

/** Rows whose key is taken are left out (counted as duplicates); the others go in and are aggregated. */
async function insertUntakenRows(manager: EntityManager, chunk: CdrChunk, messages: Buffer[]): Promise<InsertedRows> {
  await manager.query(`CREATE TEMP TABLE cdr_staging ON COMMIT DROP AS SELECT * FROM rating.rated_cdr WITH NO DATA`);
  await copyMessages(manager, messages, "cdr_staging");
  const [counts] = (await manager.query(aggregateInserted(insertFrom("cdr_staging"), COUNT_INSERTED), [chunk.jobId])) as InsertedRows[];
  return counts;
}

/** What a write inserted, with the traffic figures of its rows per partner leg, destination and currency. */
type InsertedRows = Inserted & { legs: LegDestinationFigures[] };

const insertFrom = (staging: string) =>
  `INSERT INTO rating.rated_cdr (${RATED_CDR_COLUMNS.join(", ")}) SELECT ${RATED_CDR_COLUMNS.join(", ")} FROM ${staging} ON CONFLICT DO NOTHING RETURNING ${INSERTED_COLUMNS}`;

/** Where each leg of a call is stored in rated_cdr. */
export const LEG_COLUMNS = {
  CUSTOMER: { partner: "customer_id", prefix: "customer_prefix", version: "customer_version", rate: "customer_rate", amount: "revenue", exact: "revenue_exact", currency: "revenue_currency" },
  VENDOR: { partner: "vendor_id", prefix: "vendor_prefix", version: "vendor_version", rate: "vendor_rate", amount: "cost", exact: "cost_exact", currency: "cost_currency" },
} as const;
type Role = keyof typeof LEG_COLUMNS;

const INSERTED_COLUMNS = `status, billable, duration, units, service, destination, start_time, revenue_base, cost_base, customer_blocked, vendor_blocked, ${Object.values(LEG_COLUMNS).flatMap((l) => Object.values(l)).join(", ")}`;
const COUNT_INSERTED = `SELECT count(*) FILTER (WHERE status = 'RATED')::int AS rated, count(*) FILTER (WHERE status = 'UNRATED')::int AS unrated,
  count(*) FILTER (WHERE customer_blocked OR vendor_blocked)::int AS blocked, (SELECT coalesce(json_agg(l), '[]') FROM (${legFiguresSql([{ from: "ins", sign: 1 }])}) l) AS legs FROM ins`;

/** Feeds the rows of `inserted` (a statement yielding INSERTED_COLUMNS) into traffic and the job's totals and traffic per partner ($1). */
function aggregateInserted(inserted: string, select: string): string {
  return `WITH ins AS MATERIALIZED (${inserted}),
       customers AS (${trafficUpsert("ins", "CUSTOMER", 1)}),
       vendors AS (${trafficUpsert("ins", "VENDOR", 1)}),
       customer_usage AS (${usageUpsert("ins", "CUSTOMER", 1)}),
       vendor_usage AS (${usageUpsert("ins", "VENDOR", 1)}),
       totals AS (
         INSERT INTO rating.job_total AS t (job_id, side, currency, amount)
         SELECT $1, side, currency, sum(amount) FROM (
           SELECT 'REVENUE' AS side, revenue_currency AS currency, revenue AS amount FROM ins WHERE revenue IS NOT NULL
           UNION ALL SELECT 'COST', cost_currency, cost FROM ins WHERE cost IS NOT NULL) legs
         GROUP BY side, currency
         ON CONFLICT (job_id, side, currency) DO UPDATE SET amount = t.amount + EXCLUDED.amount),
       partners AS (
         INSERT INTO rating.job_traffic AS t (job_id, role, partner_id, currency, calls, seconds, amount)
         SELECT $1, role, partner_id, currency, count(*), sum(duration), sum(amount) FROM (
           SELECT 'CUSTOMER' AS role, customer_id AS partner_id, revenue_currency AS currency, duration, revenue AS amount FROM ins WHERE status = 'RATED' AND customer_id IS NOT NULL
           UNION ALL SELECT 'VENDOR', vendor_id, cost_currency, duration, cost FROM ins WHERE status = 'RATED' AND vendor_id IS NOT NULL) legs
         GROUP BY role, partner_id, currency
         ON CONFLICT (job_id, role, partner_id, currency) DO UPDATE SET calls = t.calls + EXCLUDED.calls, seconds = t.seconds + EXCLUDED.seconds, amount = t.amount + EXCLUDED.amount)
       ${select}`;
}

/** Adds a chunk's traffic totals to traffic_hourly, usage_hourly, and the job's money totals and traffic per partner. */
async function addTotals(manager: EntityManager, jobId: string, { hourly, usage, partners, money }: TrafficTotalsText): Promise<void> {
  const column = <T>(rows: T[], value: (row: T) => unknown) => rows.map(value);
  if (hourly.length > 0) {
    await manager.query(
      `INSERT INTO rating.traffic_hourly AS t (partner_id, role, destination, hour, currency, attempts, answered, seconds, amount, revenue_base, cost_base)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::char(3)[], $6::bigint[], $7::bigint[], $8::bigint[], $9::numeric[], $10::numeric[], $11::numeric[])
       ON CONFLICT (partner_id, role, destination, hour, currency) DO UPDATE SET ${TRAFFIC_INCREMENTS}`,
      [
        column(hourly, (h) => h.partnerId), column(hourly, (h) => h.role), column(hourly, (h) => h.destination), column(hourly, (h) => new Date(h.hourMs)), column(hourly, (h) => h.currency),
        column(hourly, (h) => h.attempts), column(hourly, (h) => h.answered), column(hourly, (h) => h.seconds),
        column(hourly, (h) => h.amount), column(hourly, (h) => h.revenueBase), column(hourly, (h) => h.costBase),
      ],
    );
  }
  if (usage.length > 0) {
    await manager.query(
      `INSERT INTO rating.usage_hourly AS u (${USAGE_KEY}, calls, seconds, units, amount, exact_amount)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::int[], $7::numeric[], $8::char(3)[], $9::text[], $10::bigint[], $11::bigint[], $12::bigint[], $13::numeric[], $14::numeric[])
       ON CONFLICT (${USAGE_KEY}) DO UPDATE SET ${USAGE_INCREMENTS}`,
      [
        column(usage, (u) => u.partnerId), column(usage, (u) => u.role), column(usage, (u) => new Date(u.hourMs)), column(usage, (u) => u.destination), column(usage, (u) => u.prefix),
        column(usage, (u) => u.version), column(usage, (u) => u.rate), column(usage, (u) => u.currency), column(usage, (u) => u.service), column(usage, (u) => u.calls),
        column(usage, (u) => u.seconds), column(usage, (u) => u.units), column(usage, (u) => u.amount), column(usage, (u) => u.exactAmount),
      ],
    );
  }
  if (partners.length > 0) {
    await manager.query(
      `INSERT INTO rating.job_traffic AS t (job_id, role, partner_id, currency, calls, seconds, amount)
       SELECT $1, * FROM unnest($2::text[], $3::uuid[], $4::char(3)[], $5::int[], $6::bigint[], $7::numeric[])
       ON CONFLICT (job_id, role, partner_id, currency) DO UPDATE SET calls = t.calls + EXCLUDED.calls, seconds = t.seconds + EXCLUDED.seconds, amount = t.amount + EXCLUDED.amount`,
      [jobId, column(partners, (p) => p.role), column(partners, (p) => p.partnerId), column(partners, (p) => p.currency), column(partners, (p) => p.calls), column(partners, (p) => p.seconds), column(partners, (p) => p.amount)],
    );
  }
  if (money.length > 0) {
    await manager.query(
      `INSERT INTO rating.job_total AS t (job_id, side, currency, amount) SELECT $1, * FROM unnest($2::text[], $3::char(3)[], $4::numeric[])
       ON CONFLICT (job_id, side, currency) DO UPDATE SET amount = t.amount + EXCLUDED.amount`,
      [jobId, column(money, (m) => m.side), column(money, (m) => m.currency), column(money, (m) => m.amount)],
    );
  }
}

const USAGE_KEY = "partner_id, role, hour, destination, prefix, rate_version, rate, currency, service";
const USAGE_INCREMENTS =
  "calls = u.calls + EXCLUDED.calls, seconds = u.seconds + EXCLUDED.seconds, units = u.units + EXCLUDED.units, amount = u.amount + EXCLUDED.amount, exact_amount = u.exact_amount + EXCLUDED.exact_amount";

const TRAFFIC_INCREMENTS = `attempts = t.attempts + EXCLUDED.attempts, answered = t.answered + EXCLUDED.answered, seconds = t.seconds + EXCLUDED.seconds,
         amount = t.amount + EXCLUDED.amount, revenue_base = t.revenue_base + EXCLUDED.revenue_base, cost_base = t.cost_base + EXCLUDED.cost_base`;

/** COPYs a batch of rated calls into `table` (rated_cdr or a staging copy of it). */
export async function copyBatch(manager: EntityManager, batch: RatedCdrBatch, table: string): Promise<void> {
  await copyMessages(manager, batch.messages(), table);
}

/** COPYs rows in binary COPY format into `table` (rated_cdr or a staging copy of it). */
const copyMessages = (manager: EntityManager, messages: Buffer[], table: string) => copyBinary(manager, table, RATED_CDR_COLUMNS, messages);

/**
 * Adds (sign 1) or takes away (sign -1) the traffic and usage of the RATED rows of `table` matching `where`: per
 * partner × role × destination × hour, attempts, answered, seconds, amount, and revenue and cost in the base
 * currency; and per service and rate as well, the billable calls, seconds, units and amounts.
 */
export async function addTraffic(manager: EntityManager, table: string, where: string, sign: 1 | -1): Promise<void> {
  for (const role of ["CUSTOMER", "VENDOR"] as const) {
    await manager.query(trafficUpsert(`${table} WHERE (${where})`, role, sign));
    await manager.query(usageUpsert(`${table} WHERE (${where})`, role, sign));
  }
}

/** The RATED rows of `from` (a table, optionally with a WHERE clause) that have this leg, and `extra`. */
function legRows(from: string, role: Role, extra = ""): string {
  const condition = `status = 'RATED' AND ${LEG_COLUMNS[role].partner} IS NOT NULL${extra}`;
  return from.includes(" WHERE ") ? `${from} AND ${condition}` : `${from} WHERE ${condition}`;
}

/**
 * The traffic figures (LegDestinationFigures) of the RATED rows of some tables, each counted with its sign: per partner leg,
 * destination and card currency, as traffic_hourly sums them.
 */
export function legFiguresSql(sources: Array<{ from: string; sign: 1 | -1 }>): string {
  const legs = sources.flatMap(({ from, sign }) =>
    (["CUSTOMER", "VENDOR"] as const).map((role) => {
      const { partner, amount, currency } = LEG_COLUMNS[role];
      return `SELECT '${role}' AS role, ${partner} AS partner_id, coalesce(destination, 'UNKNOWN') AS destination, ${currency} AS currency, ${sign} AS sign,
                start_time, billable, duration, ${amount} AS amount, revenue_base, cost_base FROM ${legRows(from, role)}`;
    }),
  );
  return `SELECT role, partner_id AS "partnerId", destination, currency, sum(sign)::int AS calls, coalesce(sum(sign) FILTER (WHERE billable), 0)::int AS answered,
            coalesce(sum(sign * duration) FILTER (WHERE billable), 0)::bigint AS seconds, coalesce(sum(sign * amount), 0)::text AS amount,
            coalesce(sum(sign * revenue_base), 0)::text AS "revenueBase", coalesce(sum(sign * cost_base), 0)::text AS "costBase",
            (extract(epoch FROM min(start_time)) * 1000)::bigint AS "firstMs", (extract(epoch FROM max(start_time)) * 1000)::bigint AS "lastMs"
       FROM (${legs.join(" UNION ALL ")}) legs GROUP BY 1, 2, 3, 4`;
}

function usageUpsert(from: string, role: Role, sign: 1 | -1): string {
  const leg = LEG_COLUMNS[role];
  return `INSERT INTO rating.usage_hourly AS u (${USAGE_KEY}, calls, seconds, units, amount, exact_amount)
       SELECT ${leg.partner}, '${role}', date_trunc('hour', start_time, 'UTC'), coalesce(destination, 'UNKNOWN'), ${leg.prefix}, ${leg.version}, ${leg.rate}, ${leg.currency}, service,
              ${sign} * count(*), ${sign} * sum(duration), ${sign} * sum(units), ${sign} * sum(${leg.amount}), ${sign} * sum(${leg.exact})
         FROM ${legRows(from, role, " AND billable")}
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
       ON CONFLICT (${USAGE_KEY}) DO UPDATE SET ${USAGE_INCREMENTS}`;
}

function trafficUpsert(from: string, role: Role, sign: 1 | -1): string {
  const { partner, amount, currency } = LEG_COLUMNS[role];
  const rows = legRows(from, role);
  return `INSERT INTO rating.traffic_hourly AS t (partner_id, role, destination, hour, currency, attempts, answered, seconds, amount, revenue_base, cost_base)
       SELECT ${partner}, '${role}', coalesce(destination, 'UNKNOWN'), date_trunc('hour', start_time, 'UTC'), ${currency},
              ${sign} * count(*), ${sign} * count(*) FILTER (WHERE billable), ${sign} * sum(CASE WHEN billable THEN duration ELSE 0 END),
              ${sign} * coalesce(sum(${amount}), 0), ${sign} * coalesce(sum(revenue_base), 0), ${sign} * coalesce(sum(cost_base), 0)
         FROM ${rows}
        GROUP BY 1, 2, 3, 4, 5
       ON CONFLICT (partner_id, role, destination, hour, currency) DO UPDATE SET ${TRAFFIC_INCREMENTS}`;
}
