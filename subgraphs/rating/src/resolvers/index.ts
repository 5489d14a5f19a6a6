import { PartnerRateCardsResolver, RateCardResolver } from "./rate-card.resolver";
import { RateDeckResolver } from "./rate-deck.resolver";
import { RateQuoteResolver } from "./rate-quote.resolver";
import { ReferenceDataResolver } from "./reference-data.resolver";

export const ratingResolvers = [RateCardResolver, PartnerRateCardsResolver, RateDeckResolver, RateQuoteResolver, ReferenceDataResolver] as const;
export * from "./context";
