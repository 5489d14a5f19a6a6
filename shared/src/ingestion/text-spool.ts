import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Text kept in a temporary file instead of memory, to be read back once: for COPY lines produced while the only
 * connection that may write them (a transaction's) is still busy streaming a COPY out. Writes honour backpressure.
 */
export class TextSpool {
  private constructor(private readonly dir: string, private readonly file: string, private readonly out: WriteStream) {}

  static async open(prefix: string): Promise<TextSpool> {
    const dir = await mkdtemp(path.join(tmpdir(), `${prefix}-`));
    const file = path.join(dir, "spool.txt");
    return new TextSpool(dir, file, createWriteStream(file, { encoding: "utf8" }));
  }

  async write(text: string): Promise<void> {
    if (!this.out.write(text)) await once(this.out, "drain");
  }

  /** What was written, in chunks of whole characters; the file is removed after the last. */
  async *read(): AsyncGenerator<string> {
    this.out.end();
    await once(this.out, "finish");
    try {
      for await (const chunk of createReadStream(this.file, { encoding: "utf8", highWaterMark: 256 * 1024 })) yield chunk as string;
    } finally {
      await this.discard();
    }
  }

  async discard(): Promise<void> {
    if (!this.out.closed) this.out.destroy();
    await rm(this.dir, { recursive: true, force: true });
  }
}
