/** A PostgreSQL error as the pg driver reports it (TypeORM wraps it as `driverError`). */
export interface PostgresError {
  code: string;
  column?: string;
  where?: string;
}

/** The PostgreSQL error behind `err`, directly or wrapped, if it is one. */
export function postgresError(err: unknown): PostgresError | undefined {
  const e = err as { code?: unknown; severity?: unknown; driverError?: unknown } | null;
  if (e && typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === "string") return e as PostgresError;
  return e?.driverError ? postgresError(e.driverError) : undefined;
}

/** The SQLSTATE of a PostgreSQL error, directly or wrapped, if it is one. */
export function sqlState(err: unknown): string | undefined {
  return postgresError(err)?.code;
}
