import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema, startSubgraphRuntime, type Logger, type SubgraphRuntime } from "@intersettle/shared";
import { partnerEntities } from "./entities";
import { partnerMigrations } from "./migrations";
import { createLoaders, partnerResolvers, type PartnersContext } from "./resolvers";
import { createPartnerServices, type PartnerServices } from "./services";

export interface PartnersSubgraphOptions {
  /** Needed by start(); the schema alone needs nothing. */
  databaseUrl?: string;
  internalSecret?: string;
  /** INTERSETTLE_ADMIN_TOKEN: registered as an ADMIN operator token at start. */
  adminToken?: string;
  logger?: Logger;
  host?: string;
}

export interface PartnersStartResult {
  url: string;
  /** Set only when start() generated the first operator token; show it once. */
  generatedAdminToken?: string;
}

export interface PartnersSubgraph {
  schema: GraphQLSchema;
  start(port: number): Promise<PartnersStartResult>;
  stop(): Promise<void>;
  /** The running services, for in-process tools (benchmarks, tests); undefined before start(). */
  services(): PartnerServices | undefined;
}

export function createPartnersSubgraph(options: PartnersSubgraphOptions = {}): PartnersSubgraph {
  const schema = buildFederatedSchema({
    resolvers: [...partnerResolvers],
    referenceResolvers: {
      Partner: { __resolveReference: (ref: { id: string }, ctx: PartnersContext) => ctx.loaders.partner.load(ref.id) },
      Agreement: { __resolveReference: (ref: { id: string }, ctx: PartnersContext) => ctx.loaders.agreement.load(ref.id) },
    },
  });
  let runtime: SubgraphRuntime<PartnerServices> | undefined;
  let generatedAdminToken: string | undefined;

  return {
    schema,
    async start(port) {
      runtime = await startSubgraphRuntime<PartnerServices, PartnersContext>(
        {
          ...options,
          name: "partners",
          dbSchema: "partners",
          schema,
          entities: partnerEntities,
          migrations: partnerMigrations,
          createServices: (dataSource, wakeups) => createPartnerServices(dataSource, wakeups, options.logger),
          createContext: (principal, services) => ({ principal, services, loaders: createLoaders(principal, services) }),
          onStart: async (services) => {
            generatedAdminToken = await services.credentials.bootstrapAdminToken(options.adminToken);
            services.creditControl.consumer.start();
          },
          onStop: (services) => services.creditControl.consumer.stop(),
        },
        port,
      );
      return { url: runtime.url, generatedAdminToken };
    },
    stop: async () => runtime?.stop(),
    services: () => runtime?.services,
  };
}
