import { dropFolderJobs, type DropFolderIngestion } from "@intersettle/shared";
import type { CdrIngestionService } from "./cdr-ingestion.service";
import type { CdrSourceService } from "./cdr-source.service";
import type { IngestionJobService } from "./ingestion-job.service";

/** CDR sources for the shared drop-folder watcher: each file a CDR ingestion job, reported with its rejects. */
export function cdrDropFolders(sources: CdrSourceService, ingestion: CdrIngestionService, jobs: IngestionJobService): DropFolderIngestion {
  return dropFolderJobs({
    sources: () => sources.list(),
    ingest: (principal, file) => ingestion.ingest(principal, file),
    rejects: async (job, first) => (await jobs.quarantine(job, { first })).edges.map((e) => e.node),
    counts: (job) => `read ${job.read} = rated ${job.rated} + duplicate ${job.duplicate} + rejected ${job.rejected} + unrated ${job.unrated}`,
    allRejects: (job) => `GraphQL ingestionJob(id: "${job.id}") { quarantine { edges { node { line field reason raw } } } }`,
  });
}
