import type { Command } from "commander";
import type { HubConnection } from "./hub-client";
import { ingestFileWithProgress, type UploadedJob } from "./file-ingest";

export { fileSha256 } from "./file-ingest";

interface CdrJob extends UploadedJob {
  read: number;
  rated: number;
  duplicate: number;
  unrated: number;
}

/** `intersettle cdrs ingest FILE --source CODE`: streams a CDR file to the hub with a progress bar and prints the job. */
export function registerCdrCommands(program: Command, connection: () => HubConnection): void {
  const cdrs = program.command("cdrs").description("CDR files");
  cdrs
    .command("ingest <file>")
    .description("ingest a CDR file from a source (its format, timezone and trunk mappings apply)")
    .requiredOption("--source <code>", "CDR source code")
    .action((file: string, opts: { source: string }) =>
      ingestFileWithProgress<CdrJob>(connection(), {
        target: "rating/cdrs",
        counts: (job) => `read ${job.read} = rated ${job.rated} + duplicate ${job.duplicate} + rejected ${job.rejected} + unrated ${job.unrated}`,
        rejectsQuery: `query($id: ID!, $n: Int!) { ingestionJob(id: $id) { quarantine(first: $n) { edges { node { line field reason } } } } }`,
        rejectsOf: (data) => data.ingestionJob.quarantine.edges.map((e: any) => e.node),
        moreRejects: (jobId) => `ingestionJob(id: "${jobId}") { quarantine { … } }`,
      }, file, opts.source),
    );
}
