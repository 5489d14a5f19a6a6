import { once } from "node:events";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { EntityManager } from "typeorm";
import { isRowError } from "./ingestion-failure";

/**
 * COPYs rows already in binary COPY format, in ~64 KB messages: PostgreSQL works through each as it arrives. One
 * message per chunk is slower (PostgreSQL receives a message whole before starting on it), and so are writes
 * not awaited (the stream joins them into one message).
 */
export async function copyBinary(manager: EntityManager, table: string, columns: readonly string[], messages: Buffer[]): Promise<void> {
  const client = (await manager.queryRunner!.connect()) as PoolClient;
  const copy = client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN (FORMAT binary)`));
  const done = new Promise<void>((resolve, reject) => {
    copy.on("finish", resolve);
    copy.on("error", reject);
  });
  // A failed COPY (a taken key) rejects `done` while messages are still being written: both are awaited.
  const written = (async () => {
    for (const message of messages) if (!copy.write(message)) await once(copy, "drain");
    copy.end();
  })();
  await Promise.all([written, done]);
}

/**
 * Rows of binary COPY data (as BinaryCopyWriter writes them) taken apart and put together again: when the database
 * refuses a chunk because of some of its rows, the rows are written in smaller groups to find them.
 */
export function splitCopyRows(messages: Buffer[]): Buffer[] {
  const data = Buffer.concat(messages);
  const rows: Buffer[] = [];
  let at = HEADER.length;
  for (;;) {
    const fields = data.readInt16BE(at);
    if (fields === -1) return rows;
    let end = at + 2;
    for (let i = 0; i < fields; i++) {
      const length = data.readInt32BE(end);
      end += 4 + Math.max(0, length);
    }
    rows.push(data.subarray(at, end));
    at = end;
  }
}

/** Rows as binary COPY data again, with header and trailer. */
export function joinCopyRows(rows: Buffer[]): Buffer[] {
  return [HEADER, ...rows, TRAILER];
}

/** The fields of one row of binary COPY data (null for SQL NULL), in column order. */
export function copyRowFields(row: Buffer): Array<Buffer | null> {
  const fields: Array<Buffer | null> = [];
  const count = row.readInt16BE(0);
  let at = 2;
  for (let i = 0; i < count; i++) {
    const length = row.readInt32BE(at);
    fields.push(length < 0 ? null : row.subarray(at + 4, at + 4 + length));
    at += 4 + Math.max(0, length);
  }
  return fields;
}

export const ROWS_REFUSED = Symbol("rows refused");

/** Runs a write under a savepoint; if the database refuses one of its rows, undoes it and says so. */
export async function refusingRows<T>(manager: EntityManager, write: () => Promise<T>): Promise<T | typeof ROWS_REFUSED> {
  await manager.query("SAVEPOINT chunk_rows");
  try {
    const result = await write();
    await manager.query("RELEASE SAVEPOINT chunk_rows");
    return result;
  } catch (err) {
    if (!isRowError(err)) throw err;
    await manager.query("ROLLBACK TO SAVEPOINT chunk_rows; RELEASE SAVEPOINT chunk_rows");
    return ROWS_REFUSED;
  }
}

/**
 * The rows of a chunk the database refused, found by halving: each half is written on its own, and a half refused
 * is halved again down to the single rows, which go to `refused`. A few bad rows among n cost about 2·log2(n)
 * writes each, and only on this path. `write` takes its rows with header and trailer (joinCopyRows).
 */
export async function writeFindingRefused(manager: EntityManager, rows: Buffer[], write: (part: Buffer[]) => Promise<void>, refused: (row: Buffer, err: unknown) => void): Promise<void> {
  const attempt = async (part: Buffer[]): Promise<void> => {
    await manager.query("SAVEPOINT row_search");
    try {
      await write(joinCopyRows(part));
      await manager.query("RELEASE SAVEPOINT row_search");
    } catch (err) {
      if (!isRowError(err)) throw err;
      await manager.query("ROLLBACK TO SAVEPOINT row_search; RELEASE SAVEPOINT row_search");
      if (part.length === 1) return refused(part[0], err);
      const half = part.length >> 1;
      await attempt(part.slice(0, half));
      await attempt(part.slice(half));
    }
  };
  await attempt(rows);
}

const HEADER = Buffer.concat([Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), Buffer.alloc(8)]);
const TRAILER = Buffer.from([0xff, 0xff]);
