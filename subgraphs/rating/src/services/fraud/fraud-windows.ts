import type { EntityManager } from "typeorm";
import { Decimal } from "@intersettle/shared";
import { FraudRule } from "../../domain/fraud/fraud-rules";
import type { DestinationHour, NewDestinationWindows, RecentDestination, WindowCount } from "../../domain/fraud/fraud-findings";
import type { SampleCall, SignalCount } from "../../domain/fraud/call-signals";

/**
 * The windowed figures the fraud rules compare: read from traffic_hourly on its indexes (by partner and hour, by
 * partner, destination and hour), and from the counts the monitor keeps of what single calls showed. All of a
 * partner's traffic here is its CUSTOMER leg: what it sends us and pays for.
 */

/** Converts an amount in a card currency into the partner's at an instant; undefined without a rate. */
export type Conversion = (amount: Decimal, currency: string, at: Date) => Promise<Decimal | undefined>;

/** The partner's spend per hour from `fromHour` to `toHour` (inclusive), or over [start, end) as one window (`hourly` false). */
export async function spendIn(manager: EntityManager, partnerId: string, start: Date, end: Date, hourly: boolean, convert: Conversion): Promise<Array<{ start: Date; spend: Decimal; unconverted: string[] }>> {
  const rows = (await manager.query(
    `SELECT ${hourly ? "hour" : "$2::timestamptz AS hour"}, currency, sum(amount)::text AS amount FROM rating.traffic_hourly
      WHERE partner_id = $1 AND role = 'CUSTOMER' AND hour >= $2 AND hour < $3 GROUP BY 1, 2 ORDER BY 1, 2`,
    [partnerId, start, end],
  )) as Array<{ hour: Date; currency: string; amount: string }>;
  const windows = new Map<number, { start: Date; spend: Decimal; unconverted: string[] }>();
  for (const r of rows) {
    const at = new Date(r.hour);
    const w = windows.get(at.getTime()) ?? { start: at, spend: new Decimal(0), unconverted: [] };
    windows.set(at.getTime(), w);
    const amount = await convert(new Decimal(r.amount), r.currency.trim(), at);
    if (amount) w.spend = w.spend.plus(amount);
    else w.unconverted.push(r.currency.trim());
  }
  return [...windows.values()];
}

/**
 * Billed seconds per destination and hour in [fromHour, toHour] that reach `minSeconds`, with the destination's trailing
 * `baselineDays` before `fromHour` (one baseline for the batch's hours: no window to slide per hour). Each query reads one
 * table on its indexes, with no join, so that a plan made before the table's statistics exist (a fresh partner's first
 * hour) stays a scan and never a nested loop.
 */
export async function destinationHours(manager: EntityManager, partnerId: string, fromHour: Date, toHour: Date, minSeconds: number, baselineDays: number): Promise<DestinationHour[]> {
  const cells = (await manager.query(
    `SELECT destination, hour, sum(seconds)::float8 AS seconds FROM rating.traffic_hourly WHERE partner_id = $1 AND role = 'CUSTOMER' AND hour >= $2 AND hour <= $3
      GROUP BY destination, hour HAVING sum(seconds) >= $4 ORDER BY 1, 2`,
    [partnerId, fromHour, toHour, minSeconds],
  )) as Array<{ destination: string; hour: Date; seconds: number }>;
  if (cells.length === 0) return [];
  // All the partner's destinations in the window on its hour index: a filter on the busy ones would compare each row with
  // each of them, costing more than the rows it saves.
  const baselines = (await manager.query(
    `SELECT destination, sum(seconds)::float8 AS seconds, bool_or(hour < $2::timestamptz - interval '1 day' AND seconds > 0) AS settled FROM rating.traffic_hourly
      WHERE partner_id = $1 AND role = 'CUSTOMER' AND hour >= $2::timestamptz - make_interval(days => $3) AND hour < $2
      GROUP BY destination`,
    [partnerId, fromHour, baselineDays],
  )) as Array<{ destination: string; seconds: number; settled: boolean }>;
  const before = new Map(baselines.map((b) => [b.destination, b]));
  return cells.map((c) => ({ destination: c.destination, hour: new Date(c.hour), seconds: c.seconds, baselineSeconds: before.get(c.destination)?.seconds ?? 0, settledBaseline: before.get(c.destination)?.settled ?? false }));
}

/**
 * Destinations with `minCalls` or more in the recent window, each with whether it had traffic in the trailing one; and
 * whether the partner had any traffic then. One scan of the recent hours, then a probe per busy destination on its index.
 */
export async function recentDestinations(manager: EntityManager, partnerId: string, minCalls: number, w: NewDestinationWindows): Promise<{ established: boolean; rows: RecentDestination[] }> {
  const [{ established }] = (await manager.query(
    `SELECT EXISTS (SELECT 1 FROM rating.traffic_hourly WHERE partner_id = $1 AND role = 'CUSTOMER' AND hour >= $2 AND hour < $3 AND attempts > 0) AS established`,
    [partnerId, w.trailingStart, w.recentStart],
  )) as Array<{ established: boolean }>;
  if (!established) return { established, rows: [] };
  const busy = (await manager.query(
    `SELECT destination, sum(attempts)::int AS calls FROM rating.traffic_hourly WHERE partner_id = $1 AND role = 'CUSTOMER' AND hour >= $2 AND hour < $3
      GROUP BY destination HAVING sum(attempts) >= $4`,
    [partnerId, w.recentStart, w.recentEnd, minCalls],
  )) as Array<{ destination: string; calls: number }>;
  if (busy.length === 0) return { established, rows: [] };
  const seen = (await manager.query(
    `SELECT d AS destination, EXISTS (SELECT 1 FROM rating.traffic_hourly t WHERE t.partner_id = $1 AND t.role = 'CUSTOMER' AND t.destination = d
                                        AND t.hour >= $3 AND t.hour < $4 AND t.attempts > 0) AS seen
       FROM unnest($2::text[]) d`,
    [partnerId, busy.map((b) => b.destination), w.trailingStart, w.recentStart],
  )) as Array<{ destination: string; seen: boolean }>;
  const before = new Map(seen.map((s) => [s.destination, s.seen]));
  return { established, rows: busy.map((b) => ({ destination: b.destination, recentCalls: b.calls, trailingSeen: before.get(b.destination) ?? true })) };
}

/** Adds a block's signal counts to their windows' running counts (kept a few samples each) and answers the new totals. */
export async function countSignals(manager: EntityManager, partnerId: string, rule: FraudRule.IRSF_RANGE | FraudRule.TRAFFIC_PUMPING, counts: SignalCount[]): Promise<WindowCount[]> {
  if (counts.length === 0) return [];
  const rows = (await manager.query(
    `INSERT INTO rating.fraud_counter AS c (partner_id, rule, subject, window_start, window_end, calls, seconds, samples)
     SELECT $1, $2, * FROM unnest($3::text[], $4::timestamptz[], $5::timestamptz[], $6::bigint[], $7::bigint[], $8::jsonb[])
     ON CONFLICT (partner_id, rule, subject, window_start) DO UPDATE SET calls = c.calls + EXCLUDED.calls, seconds = c.seconds + EXCLUDED.seconds,
       samples = CASE WHEN jsonb_array_length(c.samples) >= ${SAMPLES} THEN c.samples ELSE c.samples || EXCLUDED.samples END
     RETURNING subject, window_start, window_end, calls::int, seconds::float8 AS seconds, samples`,
    [
      partnerId, rule, counts.map((c) => c.subject), counts.map((c) => new Date(c.windowStartMs)), counts.map((c) => new Date(c.windowStartMs + c.windowMs)),
      counts.map((c) => c.calls), counts.map((c) => c.seconds), counts.map((c) => JSON.stringify(c.samples)),
    ],
  )) as Array<{ subject: string; window_start: Date; window_end: Date; calls: number; seconds: number; samples: SampleCall[] }>;
  const names = new Map(counts.map((c) => [c.subject, c.name]));
  return rows.map((r) => ({ subject: r.subject, name: names.get(r.subject) ?? "", windowStart: new Date(r.window_start), windowEnd: new Date(r.window_end), calls: r.calls, seconds: r.seconds, samples: r.samples.slice(0, SAMPLES) }));
}

/** Counts of windows that ended before `before` are done with. */
export async function pruneCounters(manager: EntityManager, before: Date): Promise<void> {
  await manager.query(`DELETE FROM rating.fraud_counter WHERE window_end < $1`, [before]);
}

/**
 * A few of the partner's calls in [start, end) from its own leg's index: the first to a destination (the scan stops at
 * them), or without one, the dearest of the window.
 */
export async function sampleCalls(manager: EntityManager, partnerId: string, start: Date, end: Date, destination?: string): Promise<SampleCall[]> {
  const rows = (await manager.query(
    `SELECT call_id, b_number, start_time, duration FROM rating.rated_cdr
      WHERE customer_id = $1 AND start_time >= $2 AND start_time < $3 AND status = 'RATED' AND ($4::text IS NULL OR coalesce(destination, 'UNKNOWN') = $4)
      ORDER BY ${destination === undefined ? "revenue DESC NULLS LAST, " : ""}start_time LIMIT ${SAMPLES}`,
    [partnerId, start, end, destination ?? null],
  )) as Array<{ call_id: string; b_number: string; start_time: Date; duration: number }>;
  return rows.map((r) => ({ callId: r.call_id, bNumber: r.b_number, start: new Date(r.start_time).toISOString(), duration: r.duration }));
}

const SAMPLES = 3;
