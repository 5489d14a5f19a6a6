import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Command } from "commander";
import cliProgress from "cli-progress";
import { HubRequestError, uploadFile, type HubConnection } from "./hub-client";

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
      const size = fs.statSync(file).size;
      const sha256 = await fileSha256(file);
      const bar = new cliProgress.SingleBar({ format: "Ingesting {bar} {percentage}% | {value}/{total} bytes", hideCursor: true }, cliProgress.Presets.shades_classic);
      bar.start(size, 0);
      try {
        const job = await uploadFile(connection(), "rating/cdrs", { source: opts.source, fileName: path.basename(file), sha256 }, file, (sent) => bar.update(sent));
        bar.update(size);
        bar.stop();
        console.log(`Job ${job.id} ${job.status}: read ${job.read} = rated ${job.rated} + duplicate ${job.duplicate} + rejected ${job.rejected} + unrated ${job.unrated} (${job.timings.totalMs} ms)`);
      } catch (err) {
        bar.stop();
        if (err instanceof HubRequestError) {
          console.error(err.message);
          process.exitCode = 1;
          return;
        }
        throw err;
      }
    });
}
