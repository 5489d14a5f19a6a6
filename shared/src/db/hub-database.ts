import path from "node:path";
import type { HubConfig } from "../config";
import type { Logger } from "../logger";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { ensureDatabase } from "./schema-data-source";

export interface HubDatabase {
  url: string;
  /** True when the hub started its own PostgreSQL. */
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when configured; otherwise an embedded PostgreSQL under the data folder. */
export async function openHubDatabase(config: HubConfig, logger?: Logger): Promise<HubDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  const server = await startEmbeddedPostgres({
    dataDir: path.join(config.dataDir, "postgres"),
    port: config.embeddedPgPort,
    logger,
    callerHandlesSignals: true,
  });
  await ensureDatabase(server.url, "intersettle");
  return { url: server.urlFor("intersettle"), embedded: true, stop: () => server.stop() };
}
