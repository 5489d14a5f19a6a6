import type { DataSource } from "typeorm";
import { DropFolderWatcher, DropRoot, type Logger } from "@intersettle/shared";
import { ContentSources } from "./content-sources";
import { ContentIngestion } from "./content-ingestion";
import { ContentJobs } from "./content-jobs";
import { ContentUsage } from "./content-usage";
import { contentDropFolders } from "./content-drop-folders";

export interface TransactionSettings {
  /** The one folder drop folders may live under (INTERSETTLE_DROP_ROOT), shared with rating's CDR sources. */
  dropRoot: string;
  /** How often drop folders are scanned (INTERSETTLE_DROP_POLL_MS, default 2000). */
  dropPollMs?: number;
  logger?: Logger;
}

/** The transactions capability: sources, ingestion (files, batches, drop folders), jobs and usage for statements. See README.md. */
export interface TransactionServices {
  sources: ContentSources;
  ingestion: ContentIngestion;
  jobs: ContentJobs;
  /** Usage per service and period for statement runs (a UsageSource), and late reversals. */
  usage: ContentUsage;
  /** Start in onStart, stop in onStop. */
  dropFolders: DropFolderWatcher;
}

export function createTransactionServices(dataSource: DataSource, settings: TransactionSettings): TransactionServices {
  const drops = DropRoot.open(settings.dropRoot);
  const sources = new ContentSources(dataSource, drops);
  const databaseUrl = (dataSource.options as { url?: string }).url!;
  const ingestion = new ContentIngestion(dataSource, sources, databaseUrl, settings.logger);
  const jobs = new ContentJobs(dataSource);
  const pollMs = settings.dropPollMs ?? Number(process.env.INTERSETTLE_DROP_POLL_MS || 2000);
  return { sources, ingestion, jobs, usage: new ContentUsage(dataSource), dropFolders: new DropFolderWatcher(contentDropFolders(sources, ingestion, jobs), drops, pollMs, settings.logger) };
}

export type { ContentIngestRequest } from "./content-ingestion";
export { ContentSources, ContentIngestion, ContentJobs, ContentUsage };
