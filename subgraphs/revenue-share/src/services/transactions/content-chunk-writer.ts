import type { DataSource, EntityManager } from "typeorm";
import { copyBinary, isRowError, isUniqueViolation, postgresError, quarantineRecords, quoted, refusingRows, rowRefusal, ROWS_REFUSED, splitCopyRows, writeFindingRefused, type QuarantinedFile, type RejectedRecord } from "@intersettle/shared";
import { ContentTransactionStatus } from "../../domain/transactions/transaction-layout";
import type { ContentChunk, OriginalFacts, PendingReversal } from "./content-chunks";
import { describeTransactionRow, TRANSACTION_KEY_COLUMNS, TRANSACTION_ROW_COLUMNS, TransactionRows } from "./content-rows";

/** What a chunk's write did: read = accepted + duplicate + rejected. */
export interface ChunkCounts {
  read: number;
  accepted: number;
  duplicate: number;
  rejected: number;
}

/**
 * Writes one chunk in one transaction. Its reversals first find their originals (loaded before, or in the chunk);
 * then rows and keys COPY straight in. If a key is taken (a transaction loaded before, which must not count again)
 * the COPY is undone and the chunk goes through staging, inserting only the rows whose key it could take. Should
 * the database refuse a row that the checks let through, the rows it refuses are found and quarantined and the
 * others written. The job's counters and resume point move in the same transaction.
 */
export async function writeContentChunk(dataSource: DataSource, file: QuarantinedFile, chunk: ContentChunk): Promise<ChunkCounts> {
  return dataSource.transaction(async (manager) => {
    const reversals = new TransactionRows(file.sourceId, file.jobId);
    const rejected = [...chunk.rejected, ...(await placeReversals(manager, file.sourceId, chunk, reversals))];
    const parts = [chunk.rows, reversals].filter((r) => r.size > 0);
    const candidates = chunk.rows.size + reversals.size;
    let accepted = 0;
    if (candidates > 0) {
      const written = (await copyNewRows(manager, parts)) ?? (await refusingRows(manager, () => insertUntakenRows(manager, parts.flatMap((p) => p.rowMessages()))));
      if (written === ROWS_REFUSED) {
        const rows = parts.flatMap((p) => splitCopyRows(p.rowMessages()));
        await stagingTable(manager);
        const write = async (part: Buffer[]) => {
          await manager.query("TRUNCATE content_staging");
          accepted += await insertUntakenRows(manager, part, false);
        };
        await writeFindingRefused(manager, rows, write, (row, err) => rejected.push(refusal(row, err)));
      } else accepted = written;
    }
    rejected.sort((a, b) => a.line - b.line);
    await quarantineRecords(manager, "revshare.content_quarantine", file, rejected);
    if (chunk.serviceIds.size > 0) await manager.query(`INSERT INTO revshare.content_transaction_service SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING`, [[...chunk.serviceIds]]);
    const counts = { read: chunk.read, accepted, rejected: rejected.length, duplicate: chunk.read - accepted - rejected.length };
    const span = chunk.span;
    await manager.query(
      `UPDATE revshare.content_ingestion_job SET read_count = read_count + $2, accepted_count = accepted_count + $3, duplicate_count = duplicate_count + $4,
         rejected_count = rejected_count + $5, lines_done = $6, first_occurred_at = least(first_occurred_at, $7), last_occurred_at = greatest(last_occurred_at, $8) WHERE id = $1`,
      [file.jobId, counts.read, counts.accepted, counts.duplicate, counts.rejected, chunk.lastLine, span && new Date(span.firstMs), span && new Date(span.lastMs)],
    );
    return counts;
  });
}

/**
 * Each reversal's original, loaded before (its stored facts win) or in this chunk: found, CHARGED and of the same
 * service, the reversal becomes a row placed in the original's period; otherwise it is rejected, naming why.
 */
async function placeReversals(manager: EntityManager, sourceId: string, chunk: ContentChunk, into: TransactionRows): Promise<RejectedRecord[]> {
  if (chunk.reversals.length === 0) return [];
  const ids = [...new Set(chunk.reversals.map((r) => r.transaction.originalTransactionId!))];
  const found = (await manager.query(`SELECT transaction_id, occurred_at, service_id, status FROM revshare.content_transaction_key WHERE source_id = $1 AND transaction_id = ANY($2)`, [sourceId, ids])) as Array<{
    transaction_id: string;
    occurred_at: Date;
    service_id: string;
    status: string;
  }>;
  const stored = new Map<string, OriginalFacts>(found.map((o) => [o.transaction_id, { occurredMs: o.occurred_at.getTime(), serviceId: o.service_id, status: o.status }]));
  const rejected: RejectedRecord[] = [];
  for (const reversal of chunk.reversals) {
    const id = reversal.transaction.originalTransactionId!;
    const problem = originalProblem(reversal, stored.get(id) ?? chunk.seen.get(id));
    if (problem) rejected.push({ line: reversal.line, field: "original_transaction_id", reason: problem, raw: reversal.raw });
    else into.add(reversal.transaction, reversal.line, (stored.get(id) ?? chunk.seen.get(id))!.occurredMs);
  }
  return rejected;
}

function originalProblem({ transaction }: PendingReversal, original: OriginalFacts | undefined): string | undefined {
  const id = quoted(transaction.originalTransactionId!);
  if (!original) return `original_transaction_id ${id} is not a transaction of this source: load the charge before its ${transaction.status.toLowerCase()}`;
  if (original.status !== ContentTransactionStatus.CHARGED) return `original transaction ${id} is ${original.status}, not CHARGED: only a charge can be reversed`;
  if (original.serviceId !== transaction.serviceId) return `original transaction ${id} is of another content service`;
  return undefined;
}

/** The common case, transactions never loaded before: one COPY of keys and of rows. Undefined when a key was taken, ROWS_REFUSED when a row was. */
async function copyNewRows(manager: EntityManager, parts: TransactionRows[]): Promise<number | typeof ROWS_REFUSED | undefined> {
  await manager.query("SAVEPOINT direct_copy");
  try {
    for (const part of parts) await copyBinary(manager, "revshare.content_transaction_key", TRANSACTION_KEY_COLUMNS, part.keyMessages());
    for (const part of parts) await copyBinary(manager, "revshare.content_transaction", TRANSACTION_ROW_COLUMNS, part.rowMessages());
  } catch (err) {
    if (!isUniqueViolation(err) && !isRowError(err)) throw err;
    await manager.query("ROLLBACK TO SAVEPOINT direct_copy");
    return isRowError(err) ? ROWS_REFUSED : undefined;
  }
  await manager.query("RELEASE SAVEPOINT direct_copy");
  return parts.reduce((n, p) => n + p.size, 0);
}

async function stagingTable(manager: EntityManager): Promise<void> {
  await manager.query(`CREATE TEMP TABLE IF NOT EXISTS content_staging ON COMMIT DROP AS SELECT ${TRANSACTION_ROW_COLUMNS.join(", ")} FROM revshare.content_transaction WITH NO DATA`);
}

/** Stages rows, then inserts those whose key it takes (the others were loaded before: duplicates); returns how many. */
async function insertUntakenRows(manager: EntityManager, messages: Buffer[], create = true): Promise<number> {
  if (create) await stagingTable(manager);
  await copyBinary(manager, "content_staging", TRANSACTION_ROW_COLUMNS, messages);
  const [{ inserted }] = (await manager.query(INSERT_UNTAKEN)) as Array<{ inserted: number }>;
  return inserted;
}

const INSERT_UNTAKEN = `WITH taken AS (
    INSERT INTO revshare.content_transaction_key (${TRANSACTION_KEY_COLUMNS.join(", ")}) SELECT ${TRANSACTION_KEY_COLUMNS.join(", ")} FROM content_staging
    ON CONFLICT DO NOTHING RETURNING transaction_id),
  stored AS (
    INSERT INTO revshare.content_transaction (${TRANSACTION_ROW_COLUMNS.join(", ")})
    SELECT ${TRANSACTION_ROW_COLUMNS.join(", ")} FROM content_staging WHERE transaction_id IN (SELECT transaction_id FROM taken) RETURNING 1)
  SELECT count(*)::int AS inserted FROM stored`;

/** A refused row as a quarantined record: its line, the file's column the database names, and why. */
function refusal(row: Buffer, err: unknown): RejectedRecord {
  const e = postgresError(err)!;
  const column = e.column ?? /column (\w+)/.exec(e.where ?? "")?.[1] ?? (e.code === "54000" ? "transaction_id" : undefined);
  const { line, raw } = describeTransactionRow(row);
  // A CHECK names its constraint; a row no partition takes names none.
  const outOfRange = !(e as { constraint?: string }).constraint;
  return { line, field: outOfRange && e.code === "23514" ? "occurred_at" : (FILE_COLUMNS[column ?? ""] ?? column ?? "record"), reason: rowRefusal(err, { "23514": outOfRange ? OUT_OF_RANGE : BROKEN_RULE }), raw };
}

const OUT_OF_RANGE = "occurred_at has no place to be stored (out of the partitions' range)";
const BROKEN_RULE = "a value breaks a rule of the transactions table";

/** The file's column a table column holds, where their names differ. */
const FILE_COLUMNS: Record<string, string> = { service_id: "service_code", original_occurred_at: "original_transaction_id", source_id: "record", job_id: "record", line: "record" };
