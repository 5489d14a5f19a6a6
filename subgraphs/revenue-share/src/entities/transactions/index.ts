import { ContentSource } from "./content-source.entity";
import { ContentIngestionJob, QuarantinedContentTransaction } from "./content-ingestion-job.entity";

export * from "./content-source.entity";
export * from "./content-ingestion-job.entity";

/** The transactions capability's entities, for the subgraph's entity list. */
export const transactionEntities = [ContentSource, ContentIngestionJob, QuarantinedContentTransaction];
