import path from "node:path";

/** Hub configuration, read from the environment once at start. */
export interface HubConfig {
  /** Gateway port (PORT, default 4000); subgraphs listen on the following ports. */
  port: number;
  /** External PostgreSQL (DATABASE_URL); when absent the hub runs an embedded server. */
  databaseUrl?: string;
  /** Where the embedded database and files live (INTERSETTLE_DATA_DIR, default ./.intersettle). */
  dataDir: string;
  /** The first operator token (INTERSETTLE_ADMIN_TOKEN); generated at first start when unset. */
  adminToken?: string;
  /** HMAC secret shared by gateway and subgraphs (INTERSETTLE_INTERNAL_SECRET). */
  internalSecret?: string;
  /** Currency that revenue and cost are also expressed in (INTERSETTLE_BASE_CURRENCY, default USD). */
  baseCurrency: string;
  /** The only folder CDR drop folders may live under (INTERSETTLE_DROP_ROOT, default <dataDir>/drop). */
  dropRoot: string;
  /** Embedded PostgreSQL port (INTERSETTLE_PG_PORT, default 5433). */
  embeddedPgPort: number;
  logLevel: string;
}

export function readHubConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const dataDir = path.resolve(env.INTERSETTLE_DATA_DIR || ".intersettle");
  return {
    port: intFrom(env.PORT, 4000, "PORT"),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    dropRoot: path.resolve(env.INTERSETTLE_DROP_ROOT || path.join(dataDir, "drop")),
    adminToken: env.INTERSETTLE_ADMIN_TOKEN || undefined,
    internalSecret: env.INTERSETTLE_INTERNAL_SECRET || undefined,
    baseCurrency: (env.INTERSETTLE_BASE_CURRENCY || "USD").toUpperCase(),
    embeddedPgPort: intFrom(env.INTERSETTLE_PG_PORT, 5433, "INTERSETTLE_PG_PORT"),
    logLevel: env.LOG_LEVEL || "info",
  };
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got '${value}'`);
  return n;
}
