import { dropFolderJobs, type DropFolderIngestion } from "@intersettle/shared";
import type { ContentIngestion } from "./content-ingestion";
import type { ContentJobs } from "./content-jobs";
import type { ContentSources } from "./content-sources";

/** Content sources for the shared drop-folder watcher: each file a content ingestion job, reported with its rejects. */
export function contentDropFolders(sources: ContentSources, ingestion: ContentIngestion, jobs: ContentJobs): DropFolderIngestion {
  return dropFolderJobs({
    sources: () => sources.list(),
    ingest: (principal, file) => ingestion.ingest(principal, file),
    rejects: async (job, first) => (await jobs.quarantine(job, { first })).edges.map((e) => e.node),
    counts: (job) => `read ${job.read} = accepted ${job.accepted} + duplicate ${job.duplicate} + rejected ${job.rejected}`,
    allRejects: (job) => `GraphQL contentQuarantine(jobId: "${job.id}") { edges { node { line field reason raw } } }`,
  });
}
