import type { Client } from "pg";
import { EVENT_LOG } from "../events/event-log";
import { AUDIT_LOG } from "../audit/audit-log";
import { withAdvisoryLock } from "./schema-data-source";

/**
 * A schema every subgraph appends to and reads, and none owns: rows once written are never changed, so subgraph
 * roles get SELECT and INSERT on its tables (and its sequences), never UPDATE or DELETE — except on `updatable`
 * tables, which hold each reader's own position rather than log rows.
 */
export interface SharedLog {
  schema: string;
  /** Idempotent DDL creating the schema's tables; run by the database set-up as the administrator. */
  ddl: string;
  tables: string[];
  updatable?: string[];
}

/** Every shared log, in creation order. */
export const SHARED_LOGS: readonly SharedLog[] = [EVENT_LOG, AUDIT_LOG];

/** Creates (or brings up to date) every shared log; needs the right to create schemas. */
export async function createSharedLogs(client: Client): Promise<void> {
  for (const log of SHARED_LOGS) {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${client.escapeIdentifier(log.schema)}`);
    await client.query(log.ddl);
  }
}

/**
 * For a subgraph started on its own URL: a no-op when the shared logs exist (the usual case, a subgraph role
 * cannot create them); otherwise creates them, which only a URL with the right to do so can.
 */
export async function ensureSharedLogs(url: string): Promise<void> {
  await withAdvisoryLock(url, "migrate:shared-logs", async (client) => {
    const names = SHARED_LOGS.flatMap((log) => log.tables.map((table) => `${log.schema}.${table}`));
    const { rows } = await client.query<{ missing: number }>("SELECT count(*) FILTER (WHERE to_regclass(n) IS NULL)::int AS missing FROM unnest($1::text[]) n", [names]);
    if (rows[0].missing > 0) await createSharedLogs(client);
  });
}
