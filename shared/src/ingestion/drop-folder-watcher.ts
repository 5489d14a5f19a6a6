import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Principal } from "../auth";
import type { Logger } from "../logger";
import { moveAside, type DropRoot } from "./drop-root";

/** A source whose files arrive in a drop folder (a CDR source, a content source). */
export interface DropSource {
  code: string;
  dropFolder: string | null;
}

/** A finished file of a drop folder, open for reading; `signal` aborts when the hub stops. */
export interface DroppedFile {
  principal: Principal;
  source: string;
  fileName: string;
  body: Readable;
  fileSha256: string;
  signal: AbortSignal;
}

/** How a dropped file's job ended: a failed file goes to failed/, any other to done/, with `report` beside it. */
export interface DropOutcome {
  jobId: string;
  failed: boolean;
  error: string | null;
  report: string;
}

/**
 * What the watcher needs of one kind of source: its sources, and the ingestion of one file into a job. Throwing
 * IngestionInterruptedError once `signal` aborts leaves the file in place, to resume at the next start.
 */
export interface DropFolderIngestion {
  sources(): Promise<DropSource[]>;
  ingest(file: DroppedFile): Promise<DropOutcome>;
}

const WATCHER: Principal = { kind: "service", service: "drop-folder" };
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
    private readonly ingestion: DropFolderIngestion,
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
    for (const source of await this.ingestion.sources()) {
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
      const body = fs.createReadStream(file, { fd, autoClose: false, start: 0 });
      const outcome = await this.ingestion.ingest({ principal: WATCHER, source: sourceCode, fileName: name, body, fileSha256: hash.digest("hex"), signal: this.stopping.signal });
      if (outcome.failed) {
        moveAside(folder, "failed", name, outcome.report);
        this.logger?.warn({ source: sourceCode, file: name, job: outcome.jobId, reason: outcome.error }, "drop folder file failed");
        return;
      }
      moveAside(folder, "done", name, outcome.report);
      // A file dropped again after it failed: its old error report no longer applies.
      if (!fs.existsSync(path.join(folder, "failed", name))) fs.rmSync(path.join(folder, "failed", `${name}.error.txt`), { force: true });
      this.logger?.info({ source: sourceCode, file: name, job: outcome.jobId }, "drop folder file ingested");
    } catch (err) {
      if (this.stopping.signal.aborted) return void this.logger?.info({ source: sourceCode, file: name, job: (err as { jobId?: string }).jobId }, "drop folder file interrupted by the stop; it resumes at the next start");
      moveAside(folder, "failed", name, `ingestion failed: ${(err as Error).message}`);
      this.logger?.warn({ err, source: sourceCode, file: name }, "drop folder file failed");
    } finally {
      fs.closeSync(fd);
    }
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
