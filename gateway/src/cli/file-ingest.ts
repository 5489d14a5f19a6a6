import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import cliProgress from "cli-progress";
import { HubClient, HubRequestError, uploadFile, type HubConnection } from "./hub-client";

/** The file's SHA-256, so running the same file again resumes its interrupted job instead of starting over. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest("hex");
}

/** What the upload answers: a job with its counts, as a kind of file reports them. */
export interface UploadedJob {
  id: string;
  status: string;
  error: string | null;
  rejected: number;
  timings?: { totalMs?: number };
}

/** A kind of file ingested through an upload route (CDRs, content transactions). */
export interface FileIngestKind<J extends UploadedJob> {
  /** The upload route, "<subgraph>/<kind>". */
  target: string;
  /** The job's counts as a sentence ("read 10 = rated 8 + …"). */
  counts(job: J): string;
  /** The job's first rejects: a query and where its edges are in the answer. */
  rejectsQuery: string;
  rejectsOf(data: any): Array<{ line: number; field: string; reason: string }>;
  /** Where the rest of the rejects are read. */
  moreRejects(jobId: string): string;
  /** What the answer is called ("job" unless said); a FAILED one is sent again the same way. */
  noun?: string;
  /** How sending a FAILED file again goes on (default: the job resumes where it stopped). */
  again?: string;
  /** What the hub did with the job next (a claim's reconciliation), as lines printed after its counts. */
  outcome?(client: HubClient, job: J): Promise<string[]>;
}

/** How many rejects the CLI lists: the pattern, not the file. */
const LISTED_REJECTS = 10;

/**
 * Streams a file to the hub's upload route with a progress bar, then prints its job: counts, first rejects as
 * FILE:LINE FIELD: reason (as the deck import prints its errors), and how to resume a FAILED job.
 */
export async function ingestFileWithProgress<J extends UploadedJob>(connection: HubConnection, kind: FileIngestKind<J>, file: string, source: string | Record<string, string>): Promise<void> {
  const name = path.basename(file);
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) {
    console.error(`${file}: no such file`);
    process.exitCode = 1;
    return;
  }
  const sha256 = await fileSha256(file);
  const bar = new cliProgress.SingleBar({ format: "Ingesting {bar} {percentage}% | {value}/{total} bytes", hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic);
  bar.start(stat.size, 0);
  try {
    const params = typeof source === "string" ? { source } : source;
    const job = (await uploadFile(connection, kind.target, { ...params, fileName: name, sha256 }, file, (sent) => bar.update(sent))) as J;
    bar.update(stat.size);
    bar.stop();
    const noun = kind.noun ?? "job";
    console.log(`${name}: ${noun} ${job.id} ${job.status}: ${kind.counts(job)}${job.timings?.totalMs === undefined ? "" : ` (${job.timings.totalMs} ms)`}`);
    if (job.rejected > 0) {
      const rejects = kind.rejectsOf(await new HubClient(connection).request(kind.rejectsQuery, { id: job.id, n: LISTED_REJECTS }));
      for (const r of rejects) console.error(`${name}:${r.line} ${r.field}: ${r.reason}`);
      if (job.rejected > LISTED_REJECTS) console.error(`${name}: ${job.rejected - LISTED_REJECTS} more rejected records: ${kind.moreRejects(job.id)}`);
    }
    if (kind.outcome) for (const line of await kind.outcome(new HubClient(connection), job)) console.log(`${name}: ${line}`);
    if (job.status === "FAILED") {
      console.error(`${name}: ingestion FAILED: ${job.error}`);
      console.error(`${name}: run the same command again once the cause is fixed: ${noun} ${job.id} ${kind.again ?? "resumes where it stopped"}`);
      process.exitCode = 1;
    }
  } catch (err) {
    bar.stop();
    if (!(err instanceof HubRequestError)) throw err;
    console.error(`${name}: ${err.message}`);
    process.exitCode = 1;
  }
}
