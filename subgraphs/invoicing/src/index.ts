import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema, readHubConfig, startSubgraphRuntime, type CdrValueSettings, type Logger, type SubgraphRuntime } from "@intersettle/shared";
import { invoicingEntities } from "./entities";
import { invoicingMigrations } from "./migrations";
import { createLoaders, invoicingResolvers, type InvoicingContext } from "./resolvers";
import { createInvoicingServices, type InvoicingServices } from "./services";
import { accountingExportDownload, invoicePdfDownload } from "./resolvers/documents/document.downloads";
import { claimsUpload } from "./resolvers/claims/claims.upload";
import type { ClaimReconciler } from "./services/reconciliation/reconciliation-ports";
import { disputeAttachmentDownload } from "./resolvers/disputes/dispute.downloads";
import { disputeAttachmentsUpload } from "./resolvers/disputes/dispute-attachments.upload";
import { readDisputeSettings } from "./services/disputes/dispute-settings";
import { mismatchedCallsDownload } from "./resolvers/reconciliation/mismatched-calls.download";

export * from "./domain";
export type { InvoicingServices } from "./services";

export interface InvoicingSubgraphOptions {
  databaseUrl?: string;
  internalSecret?: string;
  logger?: Logger;
  host?: string;
  /** The rating subgraph's GraphQL URL; usage and exchange rates are read through it. */
  ratingUrl?: () => string;
  /** Where partners' claims are dropped (under claims/); default the environment's (INTERSETTLE_DROP_ROOT). */
  dropRoot?: string;
  cdrValues?: CdrValueSettings;
  /** Compares a RECEIVED claim with our calls (the reconciliation runner). */
  claimReconciler?: ClaimReconciler;
}

export interface InvoicingSubgraph {
  schema: GraphQLSchema;
  start(port: number): Promise<{ url: string }>;
  stop(): Promise<void>;
  /** The running services, for in-process tools (benchmarks, tests); undefined before start(). */
  services(): InvoicingServices | undefined;
}

export function createInvoicingSubgraph(options: InvoicingSubgraphOptions = {}): InvoicingSubgraph {
  const schema = buildFederatedSchema({
    resolvers: [...invoicingResolvers],
    referenceResolvers: {
      Invoice: { __resolveReference: (ref: { id: string }, ctx: InvoicingContext) => ctx.loaders.invoice.load(ref.id) },
      Payment: { __resolveReference: (ref: { id: string }, ctx: InvoicingContext) => ctx.loaders.payment.load(ref.id) },
      Partner: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
      Dispute: { __resolveReference: (ref: { id: string }, ctx: InvoicingContext) => ctx.loaders.dispute.load(ref.id) },
    },
  });
  let runtime: SubgraphRuntime<InvoicingServices> | undefined;

  return {
    schema,
    async start(port) {
      const ratingUrl = options.ratingUrl;
      if (!ratingUrl) throw new Error("invoicing subgraph needs the rating subgraph's URL to start");
      runtime = await startSubgraphRuntime<InvoicingServices, InvoicingContext>(
        {
          ...options,
          name: "invoicing",
          dbSchema: "invoicing",
          schema,
          entities: invoicingEntities,
          migrations: invoicingMigrations,
          createServices: (dataSource, wakeups) =>
            createInvoicingServices(dataSource, wakeups, {
              ratingUrl,
              internalSecret: options.internalSecret!,
              tickMs: Number(process.env.INTERSETTLE_BILLING_TICK_MS || 60_000),
              lateUsagePeriods: Number(process.env.INTERSETTLE_LATE_USAGE_PERIODS ?? 3),
              claims: { dropRoot: options.dropRoot ?? readHubConfig().dropRoot, cdrValues: options.cdrValues ?? readHubConfig().cdrValues, reconciler: options.claimReconciler },
              logger: options.logger,
            }),
          createContext: (principal, services) => ({ principal, services, loaders: createLoaders(principal, services) }),
          fileRoutes: (services) => ({ claims: claimsUpload(services.claims), "dispute-attachments": disputeAttachmentsUpload(services, readDisputeSettings().maxAttachmentBytes) }),
          fileDownloads: (services) => ({ "invoice-pdf": invoicePdfDownload(services), exports: accountingExportDownload(services), "dispute-attachment": disputeAttachmentDownload(services), "mismatched-calls": mismatchedCallsDownload(services) }),
          onStart: async (services) => {
            services.accounts.consumer.start();
            services.agreements.consumer.start();
            services.statementPayables.consumer.start();
            services.scheduler.start();
            services.claims.dropFolders.start();
          },
          onStop: async (services) => {
            await services.claims.dropFolders.stop();
            await services.scheduler.stop();
            await services.deliveries.stop();
            await services.accounts.consumer.stop();
            await services.agreements.consumer.stop();
            await services.statementPayables.consumer.stop();
          },
        },
        port,
      );
      return { url: runtime.url };
    },
    stop: async () => runtime?.stop(),
    services: () => runtime?.services,
  };
}
