import { Client } from "pg";
import { withAdvisoryLock } from "../db/schema-data-source";

/** Anything that runs SQL: a TypeORM EntityManager or QueryRunner, a pg Client or Pool. */
export interface SqlExecutor {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** TypeORM answers rows; pg answers a result holding them. */
async function queryRows<R>(executor: SqlExecutor, sql: string, params?: unknown[]): Promise<R[]> {
  const result = (await executor.query(sql, params)) as R[] | { rows: R[] };
  return Array.isArray(result) ? result : result.rows;
}

export type EventTopic = "partners" | "traffic" | "credit" | "rates" | "disputes" | "fraud";

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
export const LOG_START = "0:0";

/**
 * Positions are (transaction id, event id). Readers only see events of transactions older than the oldest
 * transaction still running, so an event committed late by a long transaction is never skipped.
 */
export function decodePosition(position: string): { txId: string; id: string } {
  const match = /^(\d+):(\d+)$/.exec(position);
  if (!match) throw new RangeError(`'${position}' is not an event log position`);
  return { txId: match[1], id: match[2] };
}

export async function ensureEventLog(url: string): Promise<void> {
  await withAdvisoryLock(url, "migrate:events", async (client: Client) => {
    await client.query(`
      CREATE SCHEMA IF NOT EXISTS events;
      CREATE TABLE IF NOT EXISTS events.event (
        id          bigserial PRIMARY KEY,
        tx_id       xid8 NOT NULL DEFAULT pg_current_xact_id(),
        topic       text NOT NULL,
        type        text NOT NULL,
        key         text,
        payload     jsonb NOT NULL,
        producer    text NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX IF NOT EXISTS event_topic_position ON events.event (topic, tx_id, id);
      CREATE TABLE IF NOT EXISTS events.consumer_cursor (
        consumer   text PRIMARY KEY,
        position   text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );`);
  });
}

/** Appends an event inside the caller's transaction; NOTIFY reaches listeners only if that transaction commits. */
export async function appendEvent<P>(executor: SqlExecutor, event: NewEvent<P>): Promise<EventRecord<P>> {
  const rows = await queryRows<{ id: string; tx_id: string; occurred_at: Date }>(
    executor,
    `WITH e AS (
       INSERT INTO events.event (topic, type, key, payload, producer) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, tx_id, occurred_at)
     SELECT e.id::text AS id, e.tx_id::text AS tx_id, e.occurred_at, pg_notify('${EVENT_CHANNEL}', $1) FROM e`,
    [event.topic, event.type, event.key ?? null, JSON.stringify(event.payload), event.producer],
  );
  const row = rows[0];
  return { ...event, key: event.key ?? "", id: row.id, position: `${row.tx_id}:${row.id}`, occurredAt: row.occurred_at };
}

export interface ReadOptions {
  topics: EventTopic[];
  after: string;
  limit?: number;
}

/** Reads committed events after a position, in log order. Call it before the transaction writes anything. */
export async function readEvents(executor: SqlExecutor, options: ReadOptions): Promise<EventRecord[]> {
  const { txId, id } = decodePosition(options.after);
  const rows = await queryRows<{ id: string; tx_id: string; topic: EventTopic; type: string; key: string | null; payload: unknown; producer: string; occurred_at: Date }>(
    executor,
    `SELECT id::text AS id, tx_id::text AS tx_id, topic, type, key, payload, producer, occurred_at
       FROM events.event
      WHERE topic = ANY($1) AND (tx_id, id) > ($2::xid8, $3::bigint)
        AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY tx_id, id
      LIMIT $4`,
    [options.topics, txId, id, options.limit ?? 500],
  );
  return rows.map((r) => ({
    id: r.id,
    position: `${r.tx_id}:${r.id}`,
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
  const rows = await queryRows<{ xmin: string }>(executor, `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`);
  return `${rows[0].xmin}:0`;
}
