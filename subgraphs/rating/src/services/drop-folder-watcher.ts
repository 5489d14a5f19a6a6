import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Logger, Principal } from "@intersettle/shared";
import type { CdrSourceService } from "./cdr-source.service";
import type { CdrIngestionService, IngestionInterruptedError } from "./cdr-ingestion.service";

const WATCHER: Principal = { kind: "service", service: "drop-folder" };

/**
 * Watches each source's drop folder. A file whose size and modification time have not changed since the
 * previous scan is finished: it is ingested, then moved to done/ (or failed/) with a report beside it.
 * Files starting with "." or ending in .part/.tmp are still being written and are left alone.
 */
export class DropFolderWatcher {
  private timer?: NodeJS.Timeout;
  private readonly seen = new Map<string, string>();
  private scanning?: Promise<void>;
  private stopped = false;
  private stopping = new AbortController();

  constructor(private readonly sources: CdrSourceService, private readonly ingestion: CdrIngestionService, private readonly pollMs: number, private readonly logger?: Logger) {}

  start(): void {
    this.stopped = false;
    this.stopping = new AbortController();
    const tick = () => {
      this.scanning = this.scan()
        .catch((err) => this.logger?.error({ err }, "drop folder scan failed"))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.pollMs);
        });
    };
    this.timer = setTimeout(tick, this.pollMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    // A file being ingested stops after its current blocks; it stays in the folder and resumes at the next start.
    this.stopping.abort();
    await this.scanning;
  }

  /** One pass over every drop folder; finished files are ingested one after another. */
  async scan(): Promise<void> {
    for (const source of await this.sources.list()) {
      if (!source.dropFolder || !fs.existsSync(source.dropFolder)) continue;
      for (const name of fs.readdirSync(source.dropFolder).sort()) {
        if (this.stopped) return;
        const file = path.join(source.dropFolder, name);
        if (name.startsWith(".") || /\.(part|tmp)$/i.test(name) || !fs.statSync(file).isFile()) continue;
        const stat = fs.statSync(file);
        const signature = `${stat.size}:${stat.mtimeMs}`;
        if (this.seen.get(file) !== signature) {
          this.seen.set(file, signature);
          continue;
        }
        this.seen.delete(file);
        await this.ingestFile(source.code, source.dropFolder, name);
      }
    }
  }

  private async ingestFile(sourceCode: string, folder: string, name: string): Promise<void> {
    const file = path.join(folder, name);
    try {
      const hash = createHash("sha256");
      await pipeline(fs.createReadStream(file), hash, { signal: this.stopping.signal });
      const job = await this.ingestion.ingest(WATCHER, { source: sourceCode, fileName: name, body: fs.createReadStream(file), fileSha256: hash.digest("hex"), signal: this.stopping.signal });
      const report = [
        `job ${job.id} ${job.status}`,
        `read ${job.read} = rated ${job.rated} + duplicate ${job.duplicate} + rejected ${job.rejected} + unrated ${job.unrated}`,
        job.rejected ? "rejected records are in the job's quarantine (GraphQL: ingestionJob(id) { quarantine })" : "",
      ].filter(Boolean);
      this.move(folder, "done", name, report.join("\n"));
      this.logger?.info({ file, job: job.id }, "drop folder file ingested");
    } catch (err) {
      if (this.stopping.signal.aborted) return void this.logger?.info({ file, job: (err as IngestionInterruptedError).jobId }, "drop folder file interrupted by the stop; it resumes at the next start");
      this.move(folder, "failed", name, `ingestion failed: ${(err as Error).message}`);
      this.logger?.warn({ err, file }, "drop folder file failed");
    }
  }

  private move(folder: string, to: "done" | "failed", name: string, report: string): void {
    const target = path.join(folder, to);
    fs.mkdirSync(target, { recursive: true });
    fs.renameSync(path.join(folder, name), path.join(target, name));
    fs.writeFileSync(path.join(target, `${name}.${to === "done" ? "report" : "error"}.txt`), report + "\n");
  }
}
