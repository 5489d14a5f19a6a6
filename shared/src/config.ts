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
  /** What a CDR's values may be; beyond them a record is rejected. */
  cdrValues: CdrValueSettings;
  /** Embedded PostgreSQL port (INTERSETTLE_PG_PORT, default 5433). */
  embeddedPgPort: number;
  logLevel: string;
}

/** Limits on CDR values, so that one record's work is bounded and absurd dates are quarantined. */
export interface CdrValueSettings {
  /** The longest billable duration in seconds (INTERSETTLE_CDR_MAX_DURATION, default 604800: 7 days; at most 31 days). */
  maxDurationSeconds: number;
  /** Calls may start at most this many years before ingestion (INTERSETTLE_CDR_PAST_YEARS, default 5). */
  pastYears: number;
  /** And at most this many days after it (INTERSETTLE_CDR_FUTURE_DAYS, default 1). */
  futureDays: number;
}

/** A week: longer than any real session, the ceiling rate quotes share. */
export const DEFAULT_MAX_CALL_SECONDS = 7 * 86_400;

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
    cdrValues: {
      maxDurationSeconds: wholeFrom(env.INTERSETTLE_CDR_MAX_DURATION, DEFAULT_MAX_CALL_SECONDS, 1, 31 * 86_400, "INTERSETTLE_CDR_MAX_DURATION"),
      pastYears: wholeFrom(env.INTERSETTLE_CDR_PAST_YEARS, 5, 0, 100, "INTERSETTLE_CDR_PAST_YEARS"),
      futureDays: wholeFrom(env.INTERSETTLE_CDR_FUTURE_DAYS, 1, 0, 366, "INTERSETTLE_CDR_FUTURE_DAYS"),
    },
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

function wholeFrom(value: string | undefined, fallback: number, min: number, max: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got '${value.slice(0, 40)}'`);
  return n;
}
