import type { Command } from "commander";
import type { HubConnection } from "./hub-client";
import { ingestFileWithProgress, type UploadedJob } from "./file-ingest";

interface ContentJob extends UploadedJob {
  read: number;
  accepted: number;
  duplicate: number;
}

/** `intersettle content ingest FILE --source CODE`: streams a content transaction file to the hub with a progress bar and prints the job. */
export function registerContentCommands(program: Command, connection: () => HubConnection): void {
  const content = program.command("content").description("content transactions (revenue share)");
  content
    .command("ingest <file>")
    .description("ingest a content transaction CSV file from a content source (header row required; naive times in the source's timezone)")
    .requiredOption("--source <code>", "content source code")
    .action((file: string, opts: { source: string }) =>
      ingestFileWithProgress<ContentJob>(connection(), {
        target: "revenue-share/transactions",
        counts: (job) => `read ${job.read} = accepted ${job.accepted} + duplicate ${job.duplicate} + rejected ${job.rejected}`,
        rejectsQuery: `query($id: ID!, $n: Int!) { contentQuarantine(jobId: $id, first: $n) { edges { node { line field reason } } } }`,
        rejectsOf: (data) => data.contentQuarantine.edges.map((e: any) => e.node),
        moreRejects: (jobId) => `contentQuarantine(jobId: "${jobId}") { … }`,
      }, file, opts.source),
    );
}
