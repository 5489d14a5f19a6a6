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
import { ratingEntities } from "./entities";
import { ratingMigrations } from "./migrations";
import { createLoaders, ratingResolvers, type RatingContext } from "./resolvers";
import { rateDeckUpload } from "./resolvers/rate-deck.upload";
import { createRatingServices, type RatingServices } from "./services";

export interface RatingSubgraphOptions {
  databaseUrl?: string;
  internalSecret?: string;
  /** Currency revenue and cost are also expressed in (INTERSETTLE_BASE_CURRENCY). */
  baseCurrency?: string;
  logger?: Logger;
  host?: string;
}

export interface RatingSubgraph {
  schema: GraphQLSchema;
  start(port: number): Promise<{ url: string }>;
  stop(): Promise<void>;
  /** Available after start(), for the CLI and file uploads. */
  services(): RatingServices;
}

export function createRatingSubgraph(options: RatingSubgraphOptions = {}): RatingSubgraph {
  const schema = buildFederatedSchema({
    resolvers: [...ratingResolvers],
    referenceResolvers: {
      RateCard: { __resolveReference: (ref: { id: string }, ctx: RatingContext) => ctx.loaders.rateCard.load(ref.id) },
      Partner: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
    },
  });
  let dataSource: DataSource | undefined;
  let wakeups: EventWakeups | undefined;
  let server: RunningServer | undefined;
  let services: RatingServices | undefined;

  return {
    schema,
    services: () => {
      if (!services) throw new Error("rating subgraph is not started");
      return services;
    },
    async start(port) {
      const { databaseUrl, internalSecret } = options;
      if (!databaseUrl || !internalSecret) throw new Error("rating subgraph needs databaseUrl and internalSecret to start");
      await ensureEventLog(databaseUrl);
      dataSource = await openSchemaDataSource({ url: databaseUrl, schema: "rating", entities: ratingEntities, migrations: ratingMigrations });
      wakeups = new EventWakeups(databaseUrl, options.logger);
      await wakeups.start();
      const ready = createRatingServices(dataSource, wakeups, options.baseCurrency ?? "USD", options.logger);
      services = ready;
      ready.partners.consumer.start();
      server = await serveSubgraph<RatingContext>(
        {
          name: "rating",
          schema,
          secret: internalSecret,
          logger: options.logger,
          host: options.host,
          fileRoutes: { "rate-decks": rateDeckUpload(() => ready) },
          createContext: (principal: Principal) => ({ principal, services: ready, loaders: createLoaders(principal, ready) }),
        },
        port,
      );
      return { url: server.url };
    },
    async stop() {
      await server?.stop();
      await services?.partners.consumer.stop();
      await wakeups?.stop();
      await dataSource?.destroy();
    },
  };
}
