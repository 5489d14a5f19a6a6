import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";
import {
  buildFederatedSchema,
  ensureEventLog,
  EventWakeups,
  openSchemaDataSource,
  serveSubgraph,
  type Logger,
  type Principal,
  type RunningServer,
} from "@intersettle/shared";
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
}

export function createPartnersSubgraph(options: PartnersSubgraphOptions = {}): PartnersSubgraph {
  const schema = buildFederatedSchema({
    resolvers: [...partnerResolvers],
    referenceResolvers: {
      Partner: { __resolveReference: (ref: { id: string }, ctx: PartnersContext) => ctx.loaders.partner.load(ref.id) },
      Agreement: { __resolveReference: (ref: { id: string }, ctx: PartnersContext) => ctx.loaders.agreement.load(ref.id) },
    },
  });
  let dataSource: DataSource | undefined;
  let wakeups: EventWakeups | undefined;
  let server: RunningServer | undefined;

  return {
    schema,
    async start(port) {
      const { databaseUrl, internalSecret } = options;
      if (!databaseUrl || !internalSecret) throw new Error("partners subgraph needs databaseUrl and internalSecret to start");
      await ensureEventLog(databaseUrl);
      dataSource = await openSchemaDataSource({ url: databaseUrl, schema: "partners", entities: partnerEntities, migrations: partnerMigrations });
      wakeups = new EventWakeups(databaseUrl, options.logger);
      await wakeups.start();
      const services: PartnerServices = createPartnerServices(dataSource, wakeups);
      const generatedAdminToken = await services.credentials.bootstrapAdminToken(options.adminToken);
      server = await serveSubgraph<PartnersContext>(
        {
          name: "partners",
          schema,
          secret: internalSecret,
          logger: options.logger,
          host: options.host,
          createContext: (principal: Principal) => ({ principal, services, loaders: createLoaders(principal, services) }),
        },
        port,
      );
      return { url: server.url, generatedAdminToken };
    },
    async stop() {
      await server?.stop();
      await wakeups?.stop();
      await dataSource?.destroy();
    },
  };
}
