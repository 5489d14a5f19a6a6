import { PartnerRateCardsResolver, RateCardResolver } from "./tariffs/rate-card.resolver";
import { RateDeckResolver } from "./tariffs/rate-deck.resolver";
import { RateQuoteResolver } from "./tariffs/rate-quote.resolver";
import { PricePlanResolver } from "./tariffs/price-plan.resolver";
import { ReferenceDataResolver } from "./reference-data/reference-data.resolver";
import { CdrSourceResolver, IngestionJobResolver } from "./mediation/cdr-ingestion.resolver";
import { RatedCdrResolver, TrafficResolver } from "./traffic/traffic.resolver";
import { ReportsResolver } from "./traffic/reports.resolver";
import { RerateResolver } from "./mediation/rerate.resolver";
import { TrafficUpdatesResolver } from "./traffic/traffic-updates.resolver";
import { FraudRulesResolver } from "./fraud/fraud-rules.resolver";
import { FraudAlertEventResolver, FraudAlertResolver } from "./fraud/fraud-alerts.resolver";

export const ratingResolvers = [RateCardResolver, PartnerRateCardsResolver, RateDeckResolver, RateQuoteResolver, PricePlanResolver, ReferenceDataResolver, CdrSourceResolver, IngestionJobResolver, RatedCdrResolver, TrafficResolver, ReportsResolver, RerateResolver, TrafficUpdatesResolver, FraudRulesResolver, FraudAlertResolver, FraudAlertEventResolver] as const;
export * from "./context";
