import type { DataSource } from "typeorm";
import type { EventWakeups, Logger } from "@intersettle/shared";
import { PartnerDirectory } from "./partners/partner-directory";
import { QualityRecorder } from "./quality/quality-recorder";
import { RoutingPlans } from "./plans/routing-plans";
import { RatingTariffs } from "./tariffs/rating-tariffs";
import { LiveRoutingIndex } from "./routes/live-routing-index";
import { RouteQueries } from "./routes/route-queries";
import { LcrExport } from "./routes/lcr-export";
import type { RoutingSettings } from "./routing-settings";

export { readRoutingSettings, type RoutingSettings } from "./routing-settings";
export type { PlanTerms } from "./plans/plan-terms";

export interface RoutingServiceOptions {
  /** The rating subgraph's GraphQL URL: its tariff export and exchange rates are read through it. */
  ratingUrl: () => string;
  internalSecret: string;
  hubCurrency: string;
  settings: RoutingSettings;
  logger?: Logger;
}

export interface RoutingServices {
  dataSource: DataSource;
  settings: RoutingSettings;
  partners: PartnerDirectory;
  quality: QualityRecorder;
  plans: RoutingPlans;
  index: LiveRoutingIndex;
  queries: RouteQueries;
  lcr: LcrExport;
  /** Catches up with partners and traffic, loads the index, then follows every source. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createRoutingServices(dataSource: DataSource, wakeups: EventWakeups, options: RoutingServiceOptions): RoutingServices {
  const partners = new PartnerDirectory(dataSource, wakeups, options.logger);
  const quality = new QualityRecorder(dataSource, wakeups, options.settings, options.logger);
  const plans = new RoutingPlans(dataSource, partners);
  const index = new LiveRoutingIndex({
    dataSource,
    wakeups,
    tariffs: new RatingTariffs(options.ratingUrl, options.internalSecret),
    partners: () => partners.all(),
    plans: () => plans.all(),
    quality: quality.window.lookup,
    hubCurrency: options.hubCurrency,
    settings: options.settings,
    logger: options.logger,
  });
  partners.onChange((partner) => index.upsertPartner(partner));
  plans.onChange((customerId, customerPlans) => index.replacePlans(customerId, customerPlans));
  const queries = new RouteQueries(index, partners, plans);
  return {
    dataSource,
    settings: options.settings,
    partners,
    quality,
    plans,
    index,
    queries,
    lcr: new LcrExport(index, queries, (id) => index.codeOf(id)),
    async start() {
      // Tables first, so the index is built from them as they stand; the consumers then apply what follows.
      await partners.consumer.drain();
      await quality.consumer.drain();
      await quality.load();
      await index.load();
      partners.consumer.start();
      quality.consumer.start();
      index.start();
    },
    async stop() {
      await Promise.all([index.stop(), partners.consumer.stop(), quality.consumer.stop()]);
    },
  };
}
