import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema, startSubgraphRuntime, type Logger, type SubgraphRuntime } from "@intersettle/shared";
import { invoicingEntities } from "./entities";
import { invoicingMigrations } from "./migrations";
import { createLoaders, invoicingResolvers, type InvoicingContext } from "./resolvers";
import { createInvoicingServices, type InvoicingServices } from "./services";
import { accountingExportDownload, invoicePdfDownload } from "./resolvers/documents/document.downloads";
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
              logger: options.logger,
            }),
          createContext: (principal, services) => ({ principal, services, loaders: createLoaders(principal, services) }),
          fileDownloads: (services) => ({ "invoice-pdf": invoicePdfDownload(services), exports: accountingExportDownload(services), "mismatched-calls": mismatchedCallsDownload(services) }),
          onStart: async (services) => {
            services.accounts.consumer.start();
            services.statementPayables.consumer.start();
            services.scheduler.start();
          },
          onStop: async (services) => {
            await services.scheduler.stop();
            await services.deliveries.stop();
            await services.accounts.consumer.stop();
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
