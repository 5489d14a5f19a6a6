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

export interface RatingServices {
  dataSource: DataSource;
  partners: PartnerDirectory;
  rateCards: RateCardService;
  decks: DeckImportService;
  layouts: DeckLayoutService;
  quotes: RateQuoteService;
  fx: FxService;
  destinations: DestinationService;
}

export function createRatingServices(dataSource: DataSource, wakeups: EventWakeups, hubCurrency: string, logger?: Logger): RatingServices {
  const partners = new PartnerDirectory(dataSource, wakeups, logger);
  const rateCards = new RateCardService(dataSource, partners);
  return {
    dataSource,
    partners,
    rateCards,
    decks: new DeckImportService(dataSource, partners),
    layouts: new DeckLayoutService(dataSource),
    quotes: new RateQuoteService(rateCards, partners, new RatingCardCache(dataSource)),
    fx: new FxService(dataSource, hubCurrency),
    destinations: new DestinationService(dataSource),
  };
}

export { DeckRejectedError } from "./deck-import.service";
export { toDeckLayout } from "./deck-layout.service";
