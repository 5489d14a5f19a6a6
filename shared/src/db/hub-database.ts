import path from "node:path";
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import type { HubConfig } from "../config";
import type { Logger } from "../logger";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { ensureDatabase } from "./schema-data-source";
import { rolePasswordKey, setUpDatabase } from "./database-roles";

export interface HubDatabase {
  /** The administrator's URL (the embedded superuser, or DATABASE_URL): for the set-up and for operators' tools, never for subgraphs. */
  url: string;
  /** Each subgraph schema's own role URL. */
  subgraphUrls: Record<string, string>;
  /** True when the hub started its own PostgreSQL. */
  embedded: boolean;
  stop(): Promise<void>;
  /** For a stop that did not finish in time: ends this hub's sessions (embedded: stops the server, fast then immediate). */
  forceStop(): Promise<void>;
}

/**
 * DATABASE_URL when configured; otherwise an embedded PostgreSQL under the data folder. Either way the database
 * is set up through the shared set-up, so each subgraph in `schemas` gets its own role.
 */
export async function openHubDatabase(config: HubConfig, schemas: string[], logger?: Logger): Promise<HubDatabase> {
  // Names this process's sessions, so that a forced stop ends exactly them on a server others may share.
  const sessionTag = `intersettle-${randomBytes(4).toString("hex")}`;
  if (config.databaseUrl) {
    const adminUrl = config.databaseUrl;
    const roles = await setUpDatabase({ adminUrl, schemas, passwordKey: rolePasswordKey(adminUrl, config.dataDir), sessionTag });
    return { url: adminUrl, subgraphUrls: roles.urls, embedded: false, stop: async () => undefined, forceStop: () => endSessions(adminUrl, roles.sessionNames) };
  }
  const server = await startEmbeddedPostgres({
    dataDir: path.join(config.dataDir, "postgres"),
    passwordFile: path.join(config.dataDir, "postgres.password"),
    port: config.embeddedPgPort,
    logger,
    callerHandlesSignals: true,
  });
  try {
    await ensureDatabase(server.url, "intersettle");
    const url = server.urlFor("intersettle");
    const roles = await setUpDatabase({ adminUrl: url, schemas, passwordKey: rolePasswordKey(url, config.dataDir), sessionTag });
    return { url, subgraphUrls: roles.urls, embedded: true, stop: () => server.stop(), forceStop: () => server.forceStop() };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/** Ends the named sessions: a query still running for a stopped hub would otherwise go on on the server. */
async function endSessions(adminUrl: string, sessionNames: string[]): Promise<void> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ANY($1) AND pid <> pg_backend_pid()", [sessionNames]);
  } finally {
    await client.end().catch(() => undefined);
  }
}
