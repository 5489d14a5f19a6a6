import type { DataSource } from "typeorm";
import { readHubConfig, type EventWakeups, type Logger } from "@intersettle/shared";
import { ContentPartners } from "./partners/content-partners";
import { ContentServices } from "./catalog/content-services";
import { ShareAgreements } from "./catalog/share-agreements";
import { StatementRuns } from "./statements/statement-runs";
import { StatementScheduler } from "./statements/statement-scheduler";
import { StatementLifecycle } from "./statements/statement-lifecycle";
import { StatementQueries } from "./statements/statement-queries";
import { StatementDocuments } from "./documents/statement-documents";
import { createTransactionServices, type TransactionServices } from "./transactions";
import type { UsageSource } from "./statements/usage-source";

export type { UsageSource } from "./statements/usage-source";

export interface RevenueShareSettings {
  /** How often the statement scheduler looks for closed periods (INTERSETTLE_STATEMENT_TICK_MS, else the billing tick, default 60 s). */
  tickMs: number;
  /** Earlier stated periods per service re-read for late refunds (INTERSETTLE_REVSHARE_LATE_PERIODS, default 6). */
  latePeriods: number;
  /** Who we are on statements (INTERSETTLE_COMPANY_NAME). */
  issuer: string;
  /** The folder content sources' drop folders live under (INTERSETTLE_DROP_ROOT). */
  dropRoot: string;
  logger?: Logger;
}

export function readRevenueShareSettings(env: NodeJS.ProcessEnv = process.env): Omit<RevenueShareSettings, "logger"> {
  return {
    tickMs: Number(env.INTERSETTLE_STATEMENT_TICK_MS || env.INTERSETTLE_BILLING_TICK_MS || 60_000),
    latePeriods: Number(env.INTERSETTLE_REVSHARE_LATE_PERIODS ?? 6),
    issuer: env.INTERSETTLE_COMPANY_NAME || "Intersettle operator",
    dropRoot: readHubConfig(env).dropRoot,
  };
}

export interface RevenueShareServices {
  dataSource: DataSource;
  /** Wakes subscriptions (statementPublished) when the log grows. */
  wakeups: EventWakeups;
  partners: ContentPartners;
  services: ContentServices;
  agreements: ShareAgreements;
  usage: UsageSource;
  runs: StatementRuns;
  scheduler: StatementScheduler;
  lifecycle: StatementLifecycle;
  statements: StatementQueries;
  documents: StatementDocuments;
  /** Content sources, transaction ingestion and usage (services/transactions/README.md). */
  transactions: TransactionServices;
}

export function createRevenueShareServices(dataSource: DataSource, wakeups: EventWakeups, settings: RevenueShareSettings): RevenueShareServices {
  const partners = new ContentPartners(dataSource, wakeups, settings.logger);
  const services = new ContentServices(dataSource, partners);
  const agreements = new ShareAgreements(dataSource, services);
  const transactions = createTransactionServices(dataSource, { dropRoot: settings.dropRoot, logger: settings.logger });
  const usage = transactions.usage;
  const runs = new StatementRuns(dataSource, partners, services, agreements, usage, { latePeriods: settings.latePeriods });
  const statements = new StatementQueries(dataSource);
  return {
    dataSource,
    wakeups,
    partners,
    services,
    agreements,
    usage,
    runs,
    scheduler: new StatementScheduler(partners, services, runs, usage, settings.tickMs, settings.logger),
    lifecycle: new StatementLifecycle(dataSource),
    statements,
    documents: new StatementDocuments(statements, partners, settings.issuer),
    transactions,
  };
}
