import { GraphQLError } from "graphql";
import { sqlState } from "../db";

/** The file itself cannot be read (not text, or its header lacks required columns): the job fails with this message. */
export class IngestionFileError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: "BAD_USER_INPUT" } });
  }
}

/** A failure already put in operators' words (`reason`); the detail (a stack) goes to the log, not to operators. */
export class ExplainedFailure extends Error {
  constructor(
    readonly reason: string,
    readonly detail: string,
  ) {
    super(reason);
  }
}

/** The hub stopped mid-file: the job keeps its resume point and finishes when the same file is ingested again. */
export class IngestionInterruptedError extends Error {
  constructor(readonly jobId: string) {
    super("interrupted by the hub stopping; the same file resumes where it stopped");
  }
}

/**
 * Errors a single row causes (a value out of range, invalid text, a key too long for the index): the other rows of
 * its chunk can still be written. Anything else (disk, connection, conflicts) would fail every row alike.
 */
export function isRowError(err: unknown): boolean {
  const code = sqlState(err);
  return code !== undefined && code !== "23505" && (code.startsWith("22") || code.startsWith("23") || code === "54000");
}

/** Why the database refused a row, in a billing engineer's words; `own` words a table's conditions its own way. */
export function rowRefusal(err: unknown, own: Record<string, string> = {}): string {
  const code = sqlState(err) ?? "";
  return own[code] ?? ROW_REASONS[code] ?? ROW_REASONS[code.slice(0, 2)] ?? `the database refused the record (SQLSTATE ${code})`;
}

const ROW_REASONS: Record<string, string> = {
  "22021": "the text is not valid UTF-8 or contains a NUL byte",
  "22P05": "the text has a character the database cannot store",
  "22003": "a number too large to store",
  "22001": "a value too long to store",
  "22008": "a date or time outside what can be stored",
  "23502": "a required value is missing",
  "23514": "the record's time has no place to be stored (out of the partitions' range)",
  "54000": "a value too long to be indexed (at most about 2,700 bytes)",
  "22": "a value the database cannot take",
  "23": "the record breaks a rule of the database",
};

/**
 * The reason a job failed as operators read it: the file's own problem as it was said, known database conditions
 * as a sentence, anything else by an error id that the log line with the detail carries.
 */
export function failureReason(err: unknown, errorId: string): string {
  if (err instanceof IngestionFileError) return err.message;
  if (err instanceof ExplainedFailure) return err.reason;
  const code = sqlState(err);
  if (code) return (DATABASE_REASONS[code] ?? DATABASE_REASONS[code.slice(0, 2)] ?? `the database refused a write (SQLSTATE ${code}, error id ${errorId})`) + RETRY;
  const nodeCode = (err as { code?: unknown })?.code;
  if (nodeCode === "ECONNREFUSED" || nodeCode === "ECONNRESET" || /Connection terminated/i.test((err as Error)?.message ?? "")) return `the connection to the database was lost${RETRY}`;
  return `an internal error stopped the job (error id ${errorId})${RETRY}`;
}

const RETRY = "; send the same file again to resume from the last written line";

const DATABASE_REASONS: Record<string, string> = {
  "53100": "the database ran out of disk space",
  "53200": "the database ran out of memory",
  "53300": "the database had too many connections",
  "40001": "the database cancelled a write that conflicted with another",
  "40P01": "the database cancelled a write that deadlocked with another",
  "57014": "the database cancelled a write that took too long",
  "57P01": "the database was shut down during the job",
  "08": "the connection to the database was lost",
  "57": "the database stopped during the job",
  "22": "the database refused a value",
  "23": "the database refused a record",
  "54": "a value exceeded a database limit",
};
