export * from "./enums";
export * from "./rate-card.entity";
export * from "./rate-card-version.entity";
export * from "./rate.entity";
export * from "./reference-data.entity";
export * from "./partner-settings.entity";
export * from "./mediation.entity";
import { RateCard } from "./rate-card.entity";
import { RateCardVersion } from "./rate-card-version.entity";
import { Rate, RateChange } from "./rate.entity";
import { DeckLayoutEntity, Destination, ExchangeRate } from "./reference-data.entity";
import { PartnerSettings } from "./partner-settings.entity";
import { CdrSource, IngestionJob, QuarantinedCdr, RatedCdr, TrafficHour, TrunkMappingEntity } from "./mediation.entity";

export const ratingEntities = [RateCard, RateCardVersion, Rate, RateChange, DeckLayoutEntity, ExchangeRate, Destination, PartnerSettings, CdrSource, TrunkMappingEntity, IngestionJob, QuarantinedCdr, TrafficHour, RatedCdr];
