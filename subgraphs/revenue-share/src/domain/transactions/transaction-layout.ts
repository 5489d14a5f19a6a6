/** What happened to a content charge: charged, failed (no money moved), refunded, or charged back by the card issuer. */
export enum ContentTransactionStatus {
  CHARGED = "CHARGED",
  FAILED = "FAILED",
  REFUNDED = "REFUNDED",
  CHARGEBACK = "CHARGEBACK",
}

/** A reversal undoes an earlier CHARGED transaction (its original) and counts in that transaction's period. */
export const REVERSALS: ReadonlySet<string> = new Set([ContentTransactionStatus.REFUNDED, ContentTransactionStatus.CHARGEBACK]);

/**
 * The columns of a content transaction file, by their header names (matched without regard to case or surrounding
 * spaces, in any order; other columns are ignored). See services/transactions/README.md for what each holds.
 */
export const TRANSACTION_COLUMNS = [
  "transaction_id", "service_code", "subscriber", "occurred_at", "status", "gross", "tax", "currency", "original_transaction_id", "bad_debt",
] as const;

export type TransactionColumn = (typeof TRANSACTION_COLUMNS)[number];

/** Columns a file may leave out: no tax (0), no reversals, no bad debt. */
const OPTIONAL: ReadonlySet<TransactionColumn> = new Set(["tax", "original_transaction_id", "bad_debt"]);

/** Where each column is in a file's records; an optional column left out is undefined. */
export type TransactionColumns = Partial<Record<TransactionColumn, number>>;

/** The columns a header row names, and the required ones it lacks (a file lacking any cannot be read). */
export function resolveTransactionColumns(header: string[]): { columns: TransactionColumns; missing: TransactionColumn[] } {
  const positions = new Map(header.map((name, i) => [name.trim().toLowerCase(), i]));
  const columns: TransactionColumns = {};
  for (const column of TRANSACTION_COLUMNS) {
    const at = positions.get(column);
    if (at !== undefined) columns[column] = at;
  }
  return { columns, missing: TRANSACTION_COLUMNS.filter((c) => columns[c] === undefined && !OPTIONAL.has(c)) };
}

/** The longest text each column may hold: a transaction id is keyed in a btree index (entries of at most ~2,700 bytes). */
export const COLUMN_MAX_LENGTH: Readonly<Record<TransactionColumn, number>> = {
  transaction_id: 200,
  service_code: 64,
  subscriber: 200,
  occurred_at: 64,
  status: 16,
  gross: 32,
  tax: 32,
  currency: 8,
  original_transaction_id: 200,
  bad_debt: 8,
};
