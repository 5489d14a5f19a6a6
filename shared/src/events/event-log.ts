import type { SharedLog } from "../db/shared-logs";

/** Anything that runs SQL: a TypeORM EntityManager or QueryRunner, a pg Client or Pool. */
export interface SqlExecutor {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** TypeORM answers rows; pg answers a result holding them. */
async function queryRows<R>(executor: SqlExecutor, sql: string, params?: unknown[]): Promise<R[]> {
  const result = (await executor.query(sql, params)) as R[] | { rows: R[] };
  return Array.isArray(result) ? result : result.rows;
}

/** `credentials`: partner API keys and operator tokens issued, rotated or revoked (what gateways cache principals by). */
export type EventTopic =
  | "partners"
  | "credentials"
  | "traffic"
  | "credit"
  | "rates"
  | "disputes"
  | "fraud"
  | "invoices"
  | "revshare";

export interface NewEvent<P = unknown> {
  topic: EventTopic;
  /** What happened, e.g. `partner.created`. */
  type: string;
  /** The aggregate the event is about (e.g. the partner id), for filtering. */
  key?: string;
  payload: P;
  /** The subgraph that appended it. */
  producer: string;
}

export interface EventRecord<P = unknown> extends Required<NewEvent<P>> {
  id: string;
  /** Opaque, ordered position in the log; resume a stream or consumer after it. */
  position: string;
  occurredAt: Date;
}

export const EVENT_CHANNEL = "intersettle_events";
export const LOG_START = "0";

/**
 * Appends hold a transaction-scoped advisory lock from the append to commit, so ids are handed out in commit
 * order and a reader that has seen id N has seen every event before it. Append last in a transaction.
 */
const APPEND_LOCK = 7_351_002;

export function decodePosition(position: string): string {
  if (!/^\d+$/.test(position)) throw new RangeError(`'${position}' is not an event log position`);
  return position;
}

/** The event log's tables; created by the database set-up (shared/src/db/shared-logs.ts). */
export const EVENT_LOG: SharedLog = {
  schema: "events",
  tables: ["event", "consumer_cursor"],
  // Consumers move their own cursor; the events themselves are never changed.
  updatable: ["consumer_cursor"],
  ddl: `
    CREATE TABLE IF NOT EXISTS events.event (
      id          bigserial PRIMARY KEY,
      topic       text NOT NULL,
      type        text NOT NULL,
      key         text,
      payload     jsonb NOT NULL,
      producer    text NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX IF NOT EXISTS event_topic_position ON events.event (topic, id);
    CREATE TABLE IF NOT EXISTS events.consumer_cursor (
      consumer   text PRIMARY KEY,
      position   text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );`,
};

/** Appends an event inside the caller's transaction; NOTIFY reaches listeners only if that transaction commits. */
export async function appendEvent<P>(executor: SqlExecutor, event: NewEvent<P>): Promise<EventRecord<P>> {
  await executor.query(`SELECT pg_advisory_xact_lock(${APPEND_LOCK})`);
  const rows = await queryRows<{ id: string; occurred_at: Date }>(
    executor,
    `WITH e AS (
       INSERT INTO events.event (topic, type, key, payload, producer) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, occurred_at)
     SELECT e.id::text AS id, e.occurred_at, pg_notify('${EVENT_CHANNEL}', $1) FROM e`,
    [event.topic, event.type, event.key ?? null, JSON.stringify(event.payload), event.producer],
  );
  const row = rows[0];
  return { ...event, key: event.key ?? "", id: row.id, position: row.id, occurredAt: row.occurred_at };
}

/**
 * Appends several events in one statement, in the order given (ids follow it), inside the caller's transaction:
 * what a write touching many aggregates at once (a chunk of calls, one event per partner) uses instead of a
 * round trip per event. One NOTIFY per topic.
 */
export async function appendEvents(executor: SqlExecutor, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await executor.query(`SELECT pg_advisory_xact_lock(${APPEND_LOCK})`);
  // Rows of plain parameters (a jsonb[] parameter would be escaped into an array literal and parsed twice), within
  // PostgreSQL's limit of parameters per statement.
  for (let from = 0; from < events.length; from += 1000) {
    const part = events.slice(from, from + 1000);
    const rows = part.map((_, i) => `($${5 * i + 1}, $${5 * i + 2}, $${5 * i + 3}, $${5 * i + 4}::jsonb, $${5 * i + 5})`);
    await executor.query(
      `WITH e AS (INSERT INTO events.event (topic, type, key, payload, producer) VALUES ${rows.join(", ")} RETURNING topic)
       SELECT pg_notify('${EVENT_CHANNEL}', topic) FROM (SELECT DISTINCT topic FROM e) t`,
      part.flatMap((e) => [e.topic, e.type, e.key ?? null, JSON.stringify(e.payload), e.producer]),
    );
  }
}

export interface ReadOptions {
  topics: EventTopic[];
  after: string;
  limit?: number;
}

/** Reads committed events after a position, in log order. */
export async function readEvents(executor: SqlExecutor, options: ReadOptions): Promise<EventRecord[]> {
  const rows = await queryRows<{ id: string; topic: EventTopic; type: string; key: string | null; payload: unknown; producer: string; occurred_at: Date }>(
    executor,
    `SELECT e.id::text AS id, e.topic, e.type, e.key, e.payload, e.producer, e.occurred_at
       FROM events.event e WHERE e.topic = ANY($1) AND e.id > $2::bigint ORDER BY e.id LIMIT $3`,
    [options.topics, decodePosition(options.after), options.limit ?? 500],
  );
  return rows.map((r) => ({
    id: r.id,
    position: r.id,
    topic: r.topic,
    type: r.type,
    key: r.key ?? "",
    payload: r.payload,
    producer: r.producer,
    occurredAt: r.occurred_at,
  }));
}

/** A position from which every event committed from now on is read. */
export async function currentPosition(executor: SqlExecutor): Promise<string> {
  const rows = await queryRows<{ id: string }>(executor, `SELECT coalesce(max(id), 0)::text AS id FROM events.event`);
  return rows[0].id;
}
