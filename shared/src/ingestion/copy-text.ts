import { once } from "node:events";
import type { Writable } from "node:stream";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { EntityManager } from "typeorm";

/** One line of PostgreSQL COPY text format; null becomes \N and special characters are escaped. */
export function copyLine(values: Array<string | number | null>): string {
  let line = "";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) line += "\t";
    if (v === null) line += "\\N";
    else if (typeof v === "number") line += v;
    else line += SPECIAL.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : v;
  }
  return line + "\n";
}

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/**
 * Collects COPY lines into ~64 KB writes: one socket write per row costs more than the database's COPY itself.
 * Honours backpressure, so memory stays flat whatever the file size.
 */
export class CopyBatcher {
  private pending: string[] = [];
  private size = 0;

  constructor(private readonly copy: Writable, private readonly chunkBytes = 64 * 1024) {}

  async add(line: string): Promise<void> {
    this.pending.push(line);
    this.size += line.length;
    if (this.size >= this.chunkBytes) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join("");
    this.pending = [];
    this.size = 0;
    if (!this.copy.write(chunk)) await once(this.copy, "drain");
  }
}

/**
 * A text-format COPY into `table` on the manager's connection (inside its transaction): add lines (copyLine) through
 * the batcher, then `finish()`; a refused row fails `finish()`. A caller that gives up half way must `abort()`, or the
 * connection stays in COPY and its transaction can never roll back.
 */
export async function openTextCopy(manager: EntityManager, table: string, columns: readonly string[]): Promise<{ batcher: CopyBatcher; finish(): Promise<void>; abort(reason: unknown): Promise<void> }> {
  const client = (await manager.queryRunner!.connect()) as PoolClient;
  const copy = client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`));
  let failure: unknown;
  const done = new Promise<void>((resolve, reject) => {
    copy.on("finish", resolve);
    copy.on("error", (err) => reject((failure = err)));
  });
  done.catch(() => undefined);
  const batcher = new CopyBatcher(copy);
  return {
    batcher,
    async finish() {
      if (failure) throw failure;
      await batcher.flush();
      copy.end();
      await done;
    },
    async abort(reason) {
      // destroy() sends CopyFail; the server's answer ends the COPY, after which the connection takes queries again.
      copy.destroy(reason instanceof Error ? reason : new Error(String(reason)));
      await done.catch(() => undefined);
    },
  };
}
