import type { DataSource } from "typeorm";
import { DropFolderWatcher, DropRoot, type CdrValueSettings, type Logger } from "@intersettle/shared";
import type { BillingAccounts } from "../accounts/billing-accounts";
import type { ClaimReconciler } from "../reconciliation/reconciliation-ports";
import { ClaimLayouts } from "./claim-layouts";
import { ClaimIngestion } from "./claim-ingestion";
import { ClaimQuery } from "./claim-query";
import { claimDropFolders } from "./claim-drop-folders";

export interface ClaimSettings {
  /** The drop root (INTERSETTLE_DROP_ROOT); claims are dropped under its claims/ folder. */
  dropRoot: string;
  /** How often drop folders are scanned (INTERSETTLE_DROP_POLL_MS, default 2000). */
  dropPollMs?: number;
  cdrValues: CdrValueSettings;
  /** Compares a RECEIVED claim with our calls; absent, claims stay RECEIVED until reconciled by hand. */
  reconciler?: ClaimReconciler;
  logger?: Logger;
}

/** The claims capability: partners' layouts, ingestion (file route, CLI, drop folders) and queries. */
export interface ClaimServices {
  layouts: ClaimLayouts;
  ingestion: ClaimIngestion;
  query: ClaimQuery;
  /** Start in onStart, stop in onStop. */
  dropFolders: DropFolderWatcher;
}

export function createClaimServices(dataSource: DataSource, accounts: BillingAccounts, settings: ClaimSettings): ClaimServices {
  const layouts = new ClaimLayouts(dataSource, accounts);
  const databaseUrl = (dataSource.options as { url?: string }).url!;
  const ingestion = new ClaimIngestion(dataSource, accounts, layouts, { databaseUrl, cdrValues: settings.cdrValues, reconciler: settings.reconciler, logger: settings.logger });
  const query = new ClaimQuery(dataSource);
  const drops = DropRoot.open(settings.dropRoot);
  const pollMs = settings.dropPollMs ?? Number(process.env.INTERSETTLE_DROP_POLL_MS || 2000);
  const dropFolders = new DropFolderWatcher(claimDropFolders(dataSource, drops.path, ingestion, query), drops, pollMs, settings.logger);
  return { layouts, ingestion, query, dropFolders };
}

export { ClaimLayouts, ClaimIngestion, ClaimQuery };
export { identityLine } from "./claim-drop-folders";
export type { ClaimFile } from "./claim-ingestion";
