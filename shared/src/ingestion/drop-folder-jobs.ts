import type { Principal } from "../auth";
import type { DropFolderIngestion, DropSource, DroppedFile } from "./drop-folder-watcher";

/** What a drop folder report needs of a job. */
export interface ReportedJob {
  id: string;
  status: string;
  error: string | null;
  rejected: number;
}

/** A kind of source whose files become ingestion jobs (CDR sources, content sources), for the drop-folder watcher. */
export interface DropFolderJobs<J extends ReportedJob> {
  sources(): Promise<DropSource[]>;
  ingest(principal: Principal, file: Omit<DroppedFile, "principal">): Promise<J>;
  /** The job's first `first` rejects, in line order. */
  rejects(job: J, first: number): Promise<Array<{ line: number; field: string; reason: string }>>;
  /** The job's counts as a sentence: "read 10 = accepted 8 + duplicate 1 + rejected 1". */
  counts(job: J): string;
  /** Where all of a job's rejects are read, e.g. a GraphQL query. */
  allRejects(job: J): string;
}

/** How many rejects a report lists: enough to see the pattern, never a file's worth. */
const REPORTED_REJECTS = 20;

/** Files ingested as jobs, each reported beside the file: its job, counts, why it failed, its first rejects with line and field. */
export function dropFolderJobs<J extends ReportedJob>(kind: DropFolderJobs<J>): DropFolderIngestion {
  return {
    sources: () => kind.sources(),
    async ingest({ principal, ...file }) {
      const job = await kind.ingest(principal, file);
      const failed = job.status === "FAILED";
      const lines = [`file ${file.fileName} (source ${file.source}): job ${job.id} ${job.status}${job.error ? `: ${job.error}` : ""}`, kind.counts(job)];
      if (failed) lines.push("drop the same file into the folder again to resume the job once the cause is fixed");
      if (job.rejected > 0) {
        const rejects = await kind.rejects(job, REPORTED_REJECTS);
        lines.push(`rejected records (${rejects.length} of ${job.rejected} listed; all of them: ${kind.allRejects(job)}):`);
        for (const r of rejects) lines.push(`  line ${r.line}, field ${r.field}: ${r.reason}`);
      }
      return { jobId: job.id, failed, error: job.error, report: lines.join("\n") };
    },
  };
}
