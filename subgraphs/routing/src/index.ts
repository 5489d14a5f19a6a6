import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema, startSubgraphRuntime, type Logger, type SubgraphRuntime } from "@intersettle/shared";
import { routingEntities } from "./entities";
import { routingMigrations } from "./migrations";
import { lcrTableDownload, routingResolvers, type RoutingContext } from "./resolvers";
import { createRoutingServices, readRoutingSettings, type RoutingServices } from "./services";

export * from "./domain";
export type { RoutingServices } from "./services";

export interface RoutingSubgraphOptions {
  databaseUrl?: string;
  internalSecret?: string;
  logger?: Logger;
  host?: string;
  /** The currency exchange rates cross through (the hub's base currency). */
  baseCurrency?: string;
  /** The rating subgraph's GraphQL URL: the tariff export and exchange rates are read through it. */
  ratingUrl?: () => string;
}

export interface RoutingSubgraph {
  schema: GraphQLSchema;
  start(port: number): Promise<{ url: string }>;
  stop(): Promise<void>;
  /** The running services, for in-process tools (benchmarks, tests); undefined before start(). */
  services(): RoutingServices | undefined;
}

/**
 * Least-cost routing. It loads its index (rating's tariff export, its own partners, plans and quality) before it
 * listens, so every answer it gives is from a complete index; it then follows events without a restart.
 */
export function createRoutingSubgraph(options: RoutingSubgraphOptions = {}): RoutingSubgraph {
  const schema = buildFederatedSchema({
    resolvers: [...routingResolvers],
    referenceResolvers: { Partner: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) } },
  });
  let runtime: SubgraphRuntime<RoutingServices> | undefined;

  return {
    schema,
    async start(port) {
      const ratingUrl = options.ratingUrl;
      if (!ratingUrl) throw new Error("routing subgraph needs the rating subgraph's URL to start");
      const settings = readRoutingSettings();
      runtime = await startSubgraphRuntime<RoutingServices, RoutingContext>(
        {
          ...options,
          name: "routing",
          dbSchema: "routing",
          schema,
          entities: routingEntities,
          migrations: routingMigrations,
          createServices: (dataSource, wakeups) =>
            createRoutingServices(dataSource, wakeups, { ratingUrl, internalSecret: options.internalSecret!, hubCurrency: options.baseCurrency ?? "USD", settings, logger: options.logger }),
          createContext: (principal, services) => ({ principal, services }),
          fileDownloads: (services) => ({ "lcr-table": lcrTableDownload(services) }),
          onStart: (services) => services.start(),
          onStop: (services) => services.stop(),
        },
        port,
      );
      return { url: runtime.url };
    },
    stop: async () => runtime?.stop(),
    services: () => runtime?.services,
  };
}
