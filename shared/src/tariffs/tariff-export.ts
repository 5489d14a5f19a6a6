import type { TimeBand } from "./time-band";
import type { PriceDirection } from "./price-plan";
import type { RatedService } from "./rate-plan";

/**
 * The lines of rating's tariff export (GET /files/rating/tariff-export[?cardId=…], NDJSON), in the order they come:
 * every price plan, every FX rate, then each card followed by its current rate rows, and last an `end` line. Decimals are
 * strings, instants ISO 8601. A reader that never sees the `end` line must treat the export as failed.
 */
export type TariffExportLine = TariffExportPricePlan | TariffExportFx | TariffExportCard | TariffExportRate | TariffExportEnd;

export interface TariffExportPricePlan {
  kind: "price_plan";
  id: string;
  partnerId: string;
  direction: PriceDirection;
  service: RatedService;
  rateCardId: string;
  trunkMappingId: string | null;
  agreementId: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
}

export interface TariffExportFx {
  kind: "fx";
  base: string;
  quote: string;
  rate: string;
  /** YYYY-MM-DD */
  effectiveDate: string;
}

export interface TariffExportCard {
  kind: "card";
  id: string;
  partnerId: string;
  direction: PriceDirection;
  service: RatedService;
  currency: string;
  /** The card owner's IANA timezone, in which its time bands are read. */
  timezone: string;
  timeBands: TimeBand[];
  version: number;
}

export interface TariffExportRate {
  kind: "rate";
  cardId: string;
  prefix: string;
  destination: string;
  timeBand: string | null;
  rate: string;
  nextRate: string;
  connectFee: string;
  initialInterval: number;
  nextInterval: number;
  gracePeriod: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  version: number;
}

export interface TariffExportEnd {
  kind: "end";
  cards: number;
  rates: number;
}

export const TARIFF_EXPORT_CONTENT_TYPE = "application/x-ndjson";
