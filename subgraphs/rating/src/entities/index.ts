export * from "./enums";
export * from "./tariffs/rate-card.entity";
export * from "./tariffs/rate-card-version.entity";
export * from "./tariffs/rate.entity";
export * from "./reference-data/reference-data.entity";
export * from "./partner-settings/partner-settings.entity";
export * from "./mediation/mediation.entity";
export * from "./fraud/fraud.entity";
import { RateCard } from "./tariffs/rate-card.entity";
import { RateCardVersion } from "./tariffs/rate-card-version.entity";
import { Rate, RateChange } from "./tariffs/rate.entity";
import { DeckLayoutEntity, Destination, ExchangeRate } from "./reference-data/reference-data.entity";
import { PartnerSettings } from "./partner-settings/partner-settings.entity";
import { CdrSource, IngestionJob, QuarantinedCdr, RatedCdr, TrafficHour, TrunkMappingEntity } from "./mediation/mediation.entity";
import { FraudAlert, FraudRulesEntity, IrsfRangeEntity } from "./fraud/fraud.entity";

export const ratingEntities = [RateCard, RateCardVersion, Rate, RateChange, DeckLayoutEntity, ExchangeRate, Destination, PartnerSettings, CdrSource, TrunkMappingEntity, IngestionJob, QuarantinedCdr, TrafficHour, RatedCdr, FraudRulesEntity, IrsfRangeEntity, FraudAlert];
