import type { PriceDirection, RatedService, TariffExportCard, TariffExportFx, TariffExportPricePlan, TariffExportRate, TimeBand } from "@intersettle/shared";

/** A stored price plan as the export reads it. */
export interface StoredPlan {
  id: string;
  partner_id: string;
  direction: PriceDirection;
  service: RatedService;
  rate_card_id: string;
  trunk_mapping_id: string | null;
  agreement_id: string | null;
  effective_from: Date;
  effective_to: Date | null;
}

export interface StoredFx {
  base: string;
  quote: string;
  /** Decimal text. */
  rate: string;
  effective_date: string;
}

export interface StoredCard {
  id: string;
  partner_id: string;
  direction: PriceDirection;
  service: RatedService;
  currency: string;
  timezone: string;
  time_bands: TimeBand[];
  current_version: number;
}

/** A current rate row as PostgreSQL returns it (decimals as text), with its card. */
export interface StoredRate extends RateRecord {
  rate_card_id: string;
}

/** A rate row as PostgreSQL returns it: what a card's rating index and the tariff export are built from. */
export interface RateRecord {
  prefix: string;
  destination: string;
  time_band: string | null;
  rate: string;
  next_rate: string;
  connect_fee: string;
  initial_interval: number;
  next_interval: number;
  grace_period: number;
  effective_from: Date;
  effective_to: Date | null;
  version: number;
}

// Each line is built with its keys in the contract's order: readers may compare lines as text.

export function planLine(p: StoredPlan): TariffExportPricePlan {
  return {
    kind: "price_plan",
    id: p.id,
    partnerId: p.partner_id,
    direction: p.direction,
    service: p.service,
    rateCardId: p.rate_card_id,
    trunkMappingId: p.trunk_mapping_id,
    agreementId: p.agreement_id,
    effectiveFrom: p.effective_from.toISOString(),
    effectiveTo: p.effective_to?.toISOString() ?? null,
  };
}

export function fxLine(x: StoredFx): TariffExportFx {
  return { kind: "fx", base: x.base, quote: x.quote, rate: x.rate, effectiveDate: x.effective_date };
}

export function cardLine(c: StoredCard): TariffExportCard {
  return { kind: "card", id: c.id, partnerId: c.partner_id, direction: c.direction, service: c.service, currency: c.currency, timezone: c.timezone, timeBands: c.time_bands, version: c.current_version };
}

export function rateLine(r: StoredRate): TariffExportRate {
  return {
    kind: "rate",
    cardId: r.rate_card_id,
    prefix: r.prefix,
    destination: r.destination,
    timeBand: r.time_band,
    rate: r.rate,
    nextRate: r.next_rate,
    connectFee: r.connect_fee,
    initialInterval: r.initial_interval,
    nextInterval: r.next_interval,
    gracePeriod: r.grace_period,
    effectiveFrom: r.effective_from.toISOString(),
    effectiveTo: r.effective_to?.toISOString() ?? null,
    version: r.version,
  };
}
