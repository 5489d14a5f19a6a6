import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema, readHubConfig, startSubgraphRuntime, type CdrValueSettings, type Logger, type SubgraphRuntime } from "@intersettle/shared";
import { ratingEntities } from "./entities";
import { ratingMigrations } from "./migrations";
import { createLoaders, ratingResolvers, type RatingContext } from "./resolvers";
import { rateDeckUpload } from "./resolvers/tariffs/rate-deck.upload";
import { cdrUpload } from "./resolvers/mediation/cdr.upload";
import { tariffExportDownload } from "./resolvers/tariffs/tariff-export.download";
import { ratedCallsDownload } from "./resolvers/traffic/rated-calls.download";
import { createRatingServices, type RatingServices } from "./services";

export interface RatingSubgraphOptions {
  databaseUrl?: string;
  internalSecret?: string;
  /** Currency revenue and cost are also expressed in (INTERSETTLE_BASE_CURRENCY). */
  baseCurrency?: string;
  logger?: Logger;
  host?: string;
  /** The only folder CDR drop folders may live under, created at start; default the environment's (INTERSETTLE_DROP_ROOT). */
  dropRoot?: string;
  /** The CDR duration ceiling and window of starts; default the environment's (INTERSETTLE_CDR_MAX_DURATION, _PAST_YEARS, _FUTURE_DAYS). */
  cdrValues?: CdrValueSettings;
}

export interface RatingSubgraph {
  schema: GraphQLSchema;
  start(port: number): Promise<{ url: string }>;
  stop(): Promise<void>;
  /** The running services, for in-process tools (benchmarks, tests); undefined before start(). */
  services(): RatingServices | undefined;
}

export function createRatingSubgraph(options: RatingSubgraphOptions = {}): RatingSubgraph {
  const schema = buildFederatedSchema({
    resolvers: [...ratingResolvers],
    referenceResolvers: {
      RateCard: { __resolveReference: (ref: { id: string }, ctx: RatingContext) => ctx.loaders.rateCard.load(ref.id) },
      Partner: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
    },
  });
  let runtime: SubgraphRuntime<RatingServices> | undefined;

  return {
    schema,
    async start(port) {
      runtime = await startSubgraphRuntime<RatingServices, RatingContext>(
        {
          ...options,
          name: "rating",
          dbSchema: "rating",
          schema,
          entities: ratingEntities,
          migrations: ratingMigrations,
          createServices: (dataSource, wakeups) => createRatingServices(dataSource, wakeups, options.baseCurrency ?? "USD", options.dropRoot ?? readHubConfig().dropRoot, options.cdrValues ?? readHubConfig().cdrValues, options.logger),
          createContext: (principal, services) => ({ principal, services, loaders: createLoaders(principal, services) }),
          fileRoutes: (services) => ({ "rate-decks": rateDeckUpload(services), cdrs: cdrUpload(services) }),
          fileDownloads: (services) => ({ "tariff-export": tariffExportDownload(services), "rated-calls": ratedCallsDownload(services) }),
          onStart: async (services) => {
            services.partners.consumer.start();
            services.agreements.consumer.start();
            services.fraudMonitor.consumer.start();
            services.dropFolders.start();
          },
          onStop: async (services) => {
            await services.dropFolders.stop();
            await services.fraudMonitor.consumer.stop();
            await services.agreements.consumer.stop();
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
