import type { DataSource } from "typeorm";
import { DropFolderWatcher, DropRoot, type CdrValueSettings, type EventWakeups, type Logger } from "@intersettle/shared";
import { PartnerDirectory } from "./partner-settings/partner-directory";
import { PartnerAgreements } from "./partner-settings/partner-agreements";
import { PricePlanService } from "./tariffs/price-plan.service";
import { RateCardService } from "./tariffs/rate-card.service";
import { DeckImportService } from "./tariffs/deck-import.service";
import { DeckLayoutService } from "./tariffs/deck-layout.service";
import { RatingCardCache } from "./tariffs/rating-card-cache";
import { RateQuoteService } from "./tariffs/rate-quote.service";
import { TariffExportService } from "./tariffs/tariff-export.service";
import { RatedCallsExportService } from "./traffic/rated-calls-export.service";
import { FxService } from "./reference-data/fx.service";
import { DestinationService } from "./reference-data/destination.service";
import { CdrSourceService } from "./mediation/cdr-source.service";
import { CdrIngestionService } from "./mediation/cdr-ingestion.service";
import { DestinationLabels } from "./reference-data/destination-labels";
import { cdrDropFolders } from "./mediation/cdr-drop-folders";
import { RerateService } from "./mediation/rerate.service";
import { UsageService } from "./traffic/usage.service";
import { RatedCdrQueryService } from "./traffic/rated-cdr-query.service";
import { TrafficReportService } from "./traffic/traffic-report.service";
import { IngestionJobService } from "./mediation/ingestion-job.service";
import { IrsfRangeService } from "./fraud/irsf-range.service";
import { FraudRulesService } from "./fraud/fraud-rules.service";
import { FraudAlertService } from "./fraud/fraud-alert.service";
import { FraudMonitor } from "./fraud/fraud-monitor";

export interface RatingServices {
  dataSource: DataSource;
  /** Wakes event streams (subscriptions) and consumers on new events. */
  wakeups: EventWakeups;
  partners: PartnerDirectory;
  /** Partners' agreements, which price plans may name (from the partners topic). */
  agreements: PartnerAgreements;
  pricePlans: PricePlanService;
  rateCards: RateCardService;
  decks: DeckImportService;
  layouts: DeckLayoutService;
  quotes: RateQuoteService;
  tariffExport: TariffExportService;
  /** One partner's leg of its rated calls, for invoicing's reconciliation. */
  ratedCallsExport: RatedCallsExportService;
  fx: FxService;
  destinations: DestinationService;
  cdrSources: CdrSourceService;
  ingestion: CdrIngestionService;
  dropFolders: DropFolderWatcher;
  rerating: RerateService;
  usage: UsageService;
  calls: RatedCdrQueryService;
  reports: TrafficReportService;
  jobs: IngestionJobService;
  irsf: IrsfRangeService;
  fraudRules: FraudRulesService;
  fraudAlerts: FraudAlertService;
  fraudMonitor: FraudMonitor;
}

export function createRatingServices(dataSource: DataSource, wakeups: EventWakeups, hubCurrency: string, dropRoot: string, cdrValues: CdrValueSettings, logger?: Logger): RatingServices {
  const drops = DropRoot.open(dropRoot);
  const partners = new PartnerDirectory(dataSource, wakeups, logger);
  const agreements = new PartnerAgreements(dataSource, wakeups, logger);
  const pricePlans = new PricePlanService(dataSource, partners, agreements);
  const rateCards = new RateCardService(dataSource, partners, pricePlans);
  const cache = new RatingCardCache(dataSource);
  const fx = new FxService(dataSource, hubCurrency);
  const cdrSources = new CdrSourceService(dataSource, partners, drops);
  const databaseUrl = (dataSource.options as { url?: string }).url!;
  const labels = new DestinationLabels(dataSource);
  const irsf = new IrsfRangeService(dataSource);
  const fraudRules = new FraudRulesService(dataSource, partners);
  const fraudAlerts = new FraudAlertService(dataSource);
  const ingestion = new CdrIngestionService(dataSource, cdrSources, partners, agreements, cache, fx, labels, databaseUrl, cdrValues, { irsf, rules: fraudRules }, logger);
  const jobs = new IngestionJobService(dataSource);
  return {
    dataSource,
    wakeups,
    irsf,
    fraudRules,
    fraudAlerts,
    fraudMonitor: new FraudMonitor(dataSource, wakeups, fraudRules, fraudAlerts, fx, logger),
    partners,
    agreements,
    pricePlans,
    rateCards,
    decks: new DeckImportService(dataSource, partners),
    layouts: new DeckLayoutService(dataSource),
    quotes: new RateQuoteService(rateCards, partners, cache, pricePlans, agreements),
    tariffExport: new TariffExportService(dataSource),
    ratedCallsExport: new RatedCallsExportService(dataSource),
    fx,
    destinations: new DestinationService(dataSource),
    cdrSources,
    ingestion,
    rerating: new RerateService(dataSource, cdrSources, partners, agreements, cache, fx, labels),
    usage: new UsageService(dataSource),
    calls: new RatedCdrQueryService(dataSource),
    reports: new TrafficReportService(dataSource),
    jobs,
    dropFolders: new DropFolderWatcher(cdrDropFolders(cdrSources, ingestion, jobs), drops, Number(process.env.INTERSETTLE_DROP_POLL_MS || 2000), logger),
  };
}

export { DeckRejectedError } from "./tariffs/deck-import.service";
export { toDeckLayout } from "./tariffs/deck-layout.service";
