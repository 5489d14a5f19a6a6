import { PartnerRateCardsResolver, RateCardResolver } from "./rate-card.resolver";
import { RateDeckResolver } from "./rate-deck.resolver";
import { RateQuoteResolver } from "./rate-quote.resolver";
import { ReferenceDataResolver } from "./reference-data.resolver";
import { CdrSourceResolver, IngestionJobResolver } from "./cdr-ingestion.resolver";
import { RatedCdrResolver, TrafficResolver } from "./traffic.resolver";
import { ReportsResolver } from "./reports.resolver";

export const ratingResolvers = [RateCardResolver, PartnerRateCardsResolver, RateDeckResolver, RateQuoteResolver, ReferenceDataResolver, CdrSourceResolver, IngestionJobResolver, RatedCdrResolver, TrafficResolver, ReportsResolver] as const;
export * from "./context";
