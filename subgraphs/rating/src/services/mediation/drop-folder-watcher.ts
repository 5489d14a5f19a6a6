import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Logger, Principal } from "@intersettle/shared";
import type { CdrSourceService } from "./cdr-source.service";
import type { CdrIngestionService, IngestionInterruptedError } from "./cdr-ingestion.service";
import type { IngestionJobService } from "./ingestion-job.service";
import { JobStatus, type IngestionJob } from "../../entities";
import { moveAside, type DropRoot } from "./drop-root";

const WATCHER: Principal = { kind: "service", service: "drop-folder" };
/** How many rejects a report lists: enough to see the pattern, never a file's worth. */
const REPORTED_REJECTS = 20;

/**
 * Watches each source's drop folder. A file whose size and modification time have not changed since the
 * previous scan is finished: it is ingested, then moved to done/ (or failed/) with a report beside it.
 * Files starting with "." or ending in .part/.tmp are still being written and are left alone. Folders and files
 * are confined to the drop root: a folder that leads out of it is not read, and a link dropped in a folder is moved
 * to failed/ unread.
 */
export class DropFolderWatcher {
  private timer?: NodeJS.Timeout;
  private readonly seen = new Map<string, string>();
  /** The reason each source's folder was last refused, so the log says it once, not every scan. */
  private readonly folderProblems = new Map<string, string>();
  private scanning?: Promise<void>;
  private stopped = false;
  private stopping = new AbortController();

  constructor(
    private readonly sources: CdrSourceService,
    private readonly ingestion: CdrIngestionService,
    private readonly jobs: IngestionJobService,
    private readonly root: DropRoot,
    private readonly pollMs: number,
    private readonly logger?: Logger,
  ) {}

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
      if (this.stopped) return;
      if (!source.dropFolder) continue;
      try {
        await this.scanFolder(source.code, source.dropFolder);
      } catch (err) {
        this.logger?.error({ err, source: source.code }, "drop folder scan failed");
      }
    }
  }

  private async scanFolder(sourceCode: string, dropFolder: string): Promise<void> {
    const folder = this.root.confine(dropFolder);
    if (folder.real === undefined) return this.refuseFolder(sourceCode, folder.problem);
    this.folderProblems.delete(sourceCode);
    if (!fs.existsSync(folder.real)) return;
    const entries = fs.readdirSync(folder.real, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      if (this.stopped) return;
      const name = entry.name;
      if (name.startsWith(".") || /\.(part|tmp)$/i.test(name)) continue;
      if (entry.isSymbolicLink()) {
        this.refuseFile(sourceCode, folder.real, name, "it is a symbolic link; drop the file itself into the folder");
        continue;
      }
      if (!entry.isFile()) continue;
      const file = path.join(folder.real, name);
      const stat = fs.lstatSync(file);
      const signature = `${stat.size}:${stat.mtimeMs}`;
      if (this.seen.get(file) !== signature) {
        this.seen.set(file, signature);
        continue;
      }
      this.seen.delete(file);
      await this.ingestFile(sourceCode, dropFolder, folder.real, name);
    }
  }

  private async ingestFile(sourceCode: string, dropFolder: string, folder: string, name: string): Promise<void> {
    const file = path.join(folder, name);
    let fd: number;
    try {
      fd = this.root.openFile(dropFolder, folder, name);
    } catch (err) {
      return this.refuseFile(sourceCode, folder, name, (err as Error).message);
    }
    try {
      const hash = createHash("sha256");
      await pipeline(fs.createReadStream(file, { fd, autoClose: false, start: 0 }), hash, { signal: this.stopping.signal });
      const job = await this.ingestion.ingest(WATCHER, { source: sourceCode, fileName: name, body: fs.createReadStream(file, { fd, autoClose: false, start: 0 }), fileSha256: hash.digest("hex"), signal: this.stopping.signal });
      const report = await this.report(sourceCode, name, job);
      if (job.status === JobStatus.FAILED) {
        moveAside(folder, "failed", name, report);
        this.logger?.warn({ source: sourceCode, file: name, job: job.id, reason: job.error }, "drop folder file failed");
        return;
      }
      moveAside(folder, "done", name, report);
      // A file dropped again after it failed: its old error report no longer applies.
      if (!fs.existsSync(path.join(folder, "failed", name))) fs.rmSync(path.join(folder, "failed", `${name}.error.txt`), { force: true });
      this.logger?.info({ source: sourceCode, file: name, job: job.id }, "drop folder file ingested");
    } catch (err) {
      if (this.stopping.signal.aborted) return void this.logger?.info({ source: sourceCode, file: name, job: (err as IngestionInterruptedError).jobId }, "drop folder file interrupted by the stop; it resumes at the next start");
      moveAside(folder, "failed", name, `ingestion failed: ${(err as Error).message}`);
      this.logger?.warn({ err, source: sourceCode, file: name }, "drop folder file failed");
    } finally {
      fs.closeSync(fd);
    }
  }

  /** What happened to a file: its job, counts, why it failed, and its first rejects with line and field. */
  private async report(sourceCode: string, name: string, job: IngestionJob): Promise<string> {
    const lines = [
      `file ${name} (source ${sourceCode}): job ${job.id} ${job.status}${job.error ? `: ${job.error}` : ""}`,
      `read ${job.read} = rated ${job.rated} + duplicate ${job.duplicate} + rejected ${job.rejected} + unrated ${job.unrated}`,
    ];
    if (job.status === JobStatus.FAILED) lines.push("drop the same file into the folder again to resume the job once the cause is fixed");
    if (job.rejected > 0) {
      const rejects = await this.jobs.quarantine(job, { first: REPORTED_REJECTS });
      lines.push(`rejected records (${rejects.edges.length} of ${job.rejected} listed; all of them: GraphQL ingestionJob(id: "${job.id}") { quarantine { edges { node { line field reason raw } } } }):`);
      for (const { node } of rejects.edges) lines.push(`  line ${node.line}, field ${node.field}: ${node.reason}`);
    }
    return lines.join("\n");
  }

  /** The folder itself is refused: nothing in it is read, and operators hear of it once per new reason. */
  private refuseFolder(sourceCode: string, problem: string): void {
    if (this.folderProblems.get(sourceCode) === problem) return;
    this.folderProblems.set(sourceCode, problem);
    this.logger?.warn({ source: sourceCode, reason: `dropFolder ${problem}` }, "drop folder refused: nothing in it is read");
  }

  /** A file that may not be read is moved aside to failed/ with the reason, never read and never silently skipped. */
  private refuseFile(sourceCode: string, folder: string, name: string, reason: string): void {
    this.logger?.warn({ source: sourceCode, file: name, reason }, "drop folder file refused");
    try {
      moveAside(folder, "failed", name, `refused, not read: ${reason}`);
    } catch (err) {
      this.logger?.error({ err, source: sourceCode, file: name }, "refused drop folder file could not be moved aside");
    }
  }
}
