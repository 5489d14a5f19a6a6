import "reflect-metadata";
import { DataSource, type MixedList, type EntitySchema } from "typeorm";
import { Client } from "pg";
import { sqlState } from "./postgres-error";

export interface SchemaDataSourceOptions {
  url: string;
  /** The Postgres schema this subgraph owns and alone writes. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  /** Longest a statement of this pool may run (ms): a query a client sent never holds a connection for long. 0: none. */
  statementTimeoutMs?: number;
}

/** INTERSETTLE_STATEMENT_TIMEOUT_MS, default 60 s: past the gateway's operation limit, so a client's query is cut off. */
export function readStatementTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.INTERSETTLE_STATEMENT_TIMEOUT_MS || 60_000);
  return Number.isFinite(value) && value >= 0 ? value : 60_000;
}

/**
 * Opens a subgraph's DataSource over its own schema and brings the schema up to date with its migrations
 * (never `synchronize`). Concurrent starts are serialized by an advisory lock. Connected as the schema's owner
 * role (see database-roles.ts), the migrations create partitions and tables only there.
 */
export async function openSchemaDataSource(options: SchemaDataSourceOptions): Promise<DataSource> {
  await withAdvisoryLock(options.url, `migrate:${options.schema}`, async (client) => {
    // A subgraph role owns its schema but may not create schemas: CREATE SCHEMA IF NOT EXISTS would be refused.
    const found = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [options.schema]);
    if (found.rowCount === 0) await client.query(`CREATE SCHEMA ${client.escapeIdentifier(options.schema)}`);
  });
  const source = (extra: Record<string, unknown>) =>
    new DataSource({
      type: "postgres",
      url: options.url,
      schema: options.schema,
      entities: options.entities,
      migrations: options.migrations,
      migrationsTableName: "migrations",
      migrationsTransactionMode: "each",
      synchronize: false,
      extra,
    });
  // Migrations (an index over a large table) may take long: they run on their own connection, with no statement limit.
  const migrating = await source({ max: 1 }).initialize();
  try {
    await withAdvisoryLock(options.url, `migrate:${options.schema}`, () => migrating.runMigrations());
  } finally {
    await migrating.destroy();
  }
  const timeout = options.statementTimeoutMs ?? readStatementTimeoutMs();
  return source({ max: options.poolSize ?? 10, ...(timeout > 0 && { statement_timeout: timeout }) }).initialize();
}

/** Runs `fn` holding a session advisory lock keyed by `name` on a dedicated connection. */
export async function withAdvisoryLock<T>(url: string, name: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [name]);
    return await fn(client);
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext($1))", [name]).catch(() => undefined);
    await client.end();
  }
}

/** Creates a database when it does not exist yet (connecting through the maintenance database). */
export async function ensureDatabase(maintenanceUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}

/** True when a query failed on a unique constraint (SQLSTATE 23505), e.g. two operators creating the same code at once. */
export function isUniqueViolation(err: unknown): boolean {
  return sqlState(err) === "23505";
}
