import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Command } from "commander";
import cliProgress from "cli-progress";
import { HubClient, HubRequestError, uploadFile, type HubConnection } from "./hub-client";

/** The file's SHA-256, so running the same file again resumes its interrupted job instead of starting over. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest("hex");
}

/** `intersettle cdrs ingest FILE --source CODE`: streams a CDR file to the hub with a progress bar and prints the job. */
export function registerCdrCommands(program: Command, connection: () => HubConnection): void {
  const cdrs = program.command("cdrs").description("CDR files");
  cdrs
    .command("ingest <file>")
    .description("ingest a CDR file from a source (its format, timezone and trunk mappings apply)")
    .requiredOption("--source <code>", "CDR source code")
    .action(async (file: string, opts: { source: string }) => {
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
        const job = await uploadFile(connection(), "rating/cdrs", { source: opts.source, fileName: name, sha256 }, file, (sent) => bar.update(sent));
        bar.update(stat.size);
        bar.stop();
        console.log(`${name}: job ${job.id} ${job.status}: read ${job.read} = rated ${job.rated} + duplicate ${job.duplicate} + rejected ${job.rejected} + unrated ${job.unrated}${job.timings?.totalMs === undefined ? "" : ` (${job.timings.totalMs} ms)`}`);
        if (job.rejected > 0) await printRejects(connection(), name, job.id, job.rejected);
        if (job.status === "FAILED") {
          console.error(`${name}: ingestion FAILED: ${job.error}`);
          console.error(`${name}: run the same command again once the cause is fixed: job ${job.id} resumes where it stopped`);
          process.exitCode = 1;
        }
      } catch (err) {
        bar.stop();
        if (err instanceof HubRequestError) {
          console.error(`${name}: ${err.message}`);
          process.exitCode = 1;
          return;
        }
        throw err;
      }
    });
}

/** How many rejects the CLI lists: the pattern, not the file. */
const LISTED_REJECTS = 10;

/** The job's first rejects, each as FILE:LINE FIELD: reason, as the deck import prints its errors. */
async function printRejects(connection: HubConnection, name: string, jobId: string, rejected: number): Promise<void> {
  const { ingestionJob } = await new HubClient(connection).request(`query($id: ID!, $n: Int!) { ingestionJob(id: $id) { quarantine(first: $n) { edges { node { line field reason } } } } }`, { id: jobId, n: LISTED_REJECTS });
  for (const { node } of ingestionJob.quarantine.edges) console.error(`${name}:${node.line} ${node.field}: ${node.reason}`);
  if (rejected > LISTED_REJECTS) console.error(`${name}: ${rejected - LISTED_REJECTS} more rejected records: ingestionJob(id: "${jobId}") { quarantine { … } }`);
}
