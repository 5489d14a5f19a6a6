import type { DataSource } from "typeorm";
import type { EventWakeups, Logger } from "@intersettle/shared";
import { PartnerDirectory } from "./partner-directory";
import { RateCardService } from "./rate-card.service";
import { DeckImportService } from "./deck-import.service";
import { DeckLayoutService } from "./deck-layout.service";
import { RatingCardCache } from "./rating-card-cache";
import { RateQuoteService } from "./rate-quote.service";
import { FxService } from "./fx.service";
import { DestinationService } from "./destination.service";
import { CdrSourceService } from "./cdr-source.service";
import { CdrIngestionService } from "./cdr-ingestion.service";
import { DestinationLabels } from "./destination-labels";
import { DropFolderWatcher } from "./drop-folder-watcher";
import { DropRoot } from "./drop-root";
import { RerateService } from "./rerate.service";
import { UsageService } from "./usage.service";

export interface RatingServices {
  dataSource: DataSource;
  partners: PartnerDirectory;
  rateCards: RateCardService;
  decks: DeckImportService;
  layouts: DeckLayoutService;
  quotes: RateQuoteService;
  fx: FxService;
  destinations: DestinationService;
  cdrSources: CdrSourceService;
  ingestion: CdrIngestionService;
  dropFolders: DropFolderWatcher;
  rerating: RerateService;
  usage: UsageService;
}

export function createRatingServices(dataSource: DataSource, wakeups: EventWakeups, hubCurrency: string, dropRoot: string, logger?: Logger): RatingServices {
  const drops = DropRoot.open(dropRoot);
  const partners = new PartnerDirectory(dataSource, wakeups, logger);
  const rateCards = new RateCardService(dataSource, partners);
  const cache = new RatingCardCache(dataSource);
  const fx = new FxService(dataSource, hubCurrency);
  const cdrSources = new CdrSourceService(dataSource, partners, drops);
  const databaseUrl = (dataSource.options as { url?: string }).url!;
  const labels = new DestinationLabels(dataSource);
  const ingestion = new CdrIngestionService(dataSource, cdrSources, partners, cache, fx, labels, databaseUrl);
  return {
    dataSource,
    partners,
    rateCards,
    decks: new DeckImportService(dataSource, partners),
    layouts: new DeckLayoutService(dataSource),
    quotes: new RateQuoteService(rateCards, partners, cache),
    fx,
    destinations: new DestinationService(dataSource),
    cdrSources,
    ingestion,
    rerating: new RerateService(dataSource, cdrSources, partners, cache, fx, labels),
    usage: new UsageService(dataSource),
    dropFolders: new DropFolderWatcher(cdrSources, ingestion, drops, Number(process.env.INTERSETTLE_DROP_POLL_MS || 2000), logger),
  };
}

export { DeckRejectedError } from "./deck-import.service";
export { toDeckLayout } from "./deck-layout.service";
