import { once } from "node:events";
import type { Writable } from "node:stream";

/** One line of PostgreSQL COPY text format; null becomes \N and special characters are escaped. */
export function copyLine(values: Array<string | number | null>): string {
  return values.map((v) => (v === null ? "\\N" : String(v).replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!))).join("\t") + "\n";
}

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
