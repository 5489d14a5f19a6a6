import { dropReport, REPORTED_REJECTS, type DropFolderIngestion } from "@intersettle/shared";
import { JobStatus } from "../../entities";
import type { CdrIngestionService } from "./cdr-ingestion.service";
import type { CdrSourceService } from "./cdr-source.service";
import type { IngestionJobService } from "./ingestion-job.service";

/** CDR sources as the shared drop-folder watcher sees them: each file a CDR ingestion job, reported with its rejects. */
export function cdrDropFolders(sources: CdrSourceService, ingestion: CdrIngestionService, jobs: IngestionJobService): DropFolderIngestion {
  return {
    sources: () => sources.list(),
    async ingest({ principal, ...file }) {
      const job = await ingestion.ingest(principal, file);
      const failed = job.status === JobStatus.FAILED;
      const rejects = job.rejected > 0 ? (await jobs.quarantine(job, { first: REPORTED_REJECTS })).edges.map((e) => e.node) : [];
      const report = dropReport({
        sourceCode: file.source, fileName: file.fileName, job, failed, rejected: job.rejected, rejects,
        counts: `read ${job.read} = rated ${job.rated} + duplicate ${job.duplicate} + rejected ${job.rejected} + unrated ${job.unrated}`,
        allRejects: `GraphQL ingestionJob(id: "${job.id}") { quarantine { edges { node { line field reason raw } } } }`,
      });
      return { jobId: job.id, failed, error: job.error, report };
    },
  };
}
