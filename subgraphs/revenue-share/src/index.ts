import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema, startSubgraphRuntime, type Logger, type SubgraphRuntime } from "@intersettle/shared";
import { revenueShareEntities } from "./entities";
import { revenueShareMigrations } from "./migrations";
import { createLoaders, revenueShareResolvers, statementDownloads, transactionsUpload, type RevenueShareContext } from "./resolvers";
import { createRevenueShareServices, readRevenueShareSettings, type RevenueShareServices } from "./services";

export * from "./domain";
export type { RevenueShareServices } from "./services";

export interface RevenueShareSubgraphOptions {
  databaseUrl?: string;
  internalSecret?: string;
  logger?: Logger;
  host?: string;
  /** The only folder content sources' drop folders may live under; default the environment's (INTERSETTLE_DROP_ROOT). */
  dropRoot?: string;
}

export interface RevenueShareSubgraph {
  schema: GraphQLSchema;
  start(port: number): Promise<{ url: string }>;
  stop(): Promise<void>;
  /** The running services, for in-process tools (benchmarks, tests); undefined before start(). */
  services(): RevenueShareServices | undefined;
}

/** Content revenue share: services and their partner chains, share agreements, content usage, and partners' statements. */
export function createRevenueShareSubgraph(options: RevenueShareSubgraphOptions = {}): RevenueShareSubgraph {
  const schema = buildFederatedSchema({
    resolvers: [...revenueShareResolvers],
    referenceResolvers: {
      ContentService: { __resolveReference: (ref: { id: string }, ctx: RevenueShareContext) => ctx.loaders.service.load(ref.id) },
      Statement: { __resolveReference: (ref: { id: string }, ctx: RevenueShareContext) => ctx.loaders.statement.load(ref.id) },
      Partner: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
    },
  });
  let runtime: SubgraphRuntime<RevenueShareServices> | undefined;

  return {
    schema,
    async start(port) {
      runtime = await startSubgraphRuntime<RevenueShareServices, RevenueShareContext>(
        {
          ...options,
          name: "revenue-share",
          dbSchema: "revshare",
          schema,
          entities: revenueShareEntities,
          migrations: revenueShareMigrations,
          createServices: (dataSource, wakeups) => createRevenueShareServices(dataSource, wakeups, { ...readRevenueShareSettings(), ...(options.dropRoot && { dropRoot: options.dropRoot }), logger: options.logger }),
          createContext: (principal, services) => ({ principal, services, loaders: createLoaders(principal, services) }),
          fileRoutes: (services) => ({ transactions: transactionsUpload(services.transactions) }),
          fileDownloads: (services) => statementDownloads(services),
          onStart: async (services) => {
            services.partners.consumer.start();
            services.scheduler.start();
            services.transactions.dropFolders.start();
          },
          onStop: async (services) => {
            await services.transactions.dropFolders.stop();
            await services.scheduler.stop();
            await services.partners.consumer.stop();
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
