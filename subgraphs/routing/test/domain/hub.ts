import { Decimal, FxHistory, RatedService, type ExchangeRateRecord, type PricePlanEntry, type RateRow, type TimeBand } from "@intersettle/shared";
import { loadCard, RoutingIndex, type LoadedCard, type QualitySample, type RoutingIndexOptions, type RoutingPartner, type RoutingPlan, type RouteRequest } from "../../src/domain";

/** Wednesday noon UTC: inside every default date range below. */
export const AT = new Date("2026-05-06T12:00:00Z");
export const d = (v: string | number) => new Decimal(v);

export function rate(prefix: string, price: string, extra: Partial<RateRow> = {}): RateRow {
  return {
    prefix, destination: `Dest ${prefix}`, rate: d(price), nextRate: d(price), connectFee: d(0), initialInterval: 60, nextInterval: 60, gracePeriod: 0,
    effectiveFrom: new Date("2026-01-01T00:00:00Z"), effectiveTo: null, timeBand: null, version: 1, ...extra,
  };
}

export function partner(id: string, extra: Partial<RoutingPartner> = {}): RoutingPartner {
  return {
    id, code: id.toUpperCase(), name: `Partner ${id}`, currency: "USD", timezone: "UTC", status: "ACTIVE",
    agreements: [{ id: `${id}-bilateral`, type: "BILATERAL", services: ["VOICE", "SMS"], validFrom: "2026-01-01", validTo: null, status: "ACTIVE" }],
    ...extra,
  };
}

export interface CardOptions {
  cardId?: string;
  currency?: string;
  timezone?: string;
  bands?: TimeBand[];
  service?: RatedService;
  version?: number;
  plan?: Partial<PricePlanEntry>;
  partner?: Partial<RoutingPartner>;
}

/** A small hub built up in a test: partners with cards and price plans, routing plans, FX and traffic quality. */
export class Hub {
  partners = new Map<string, RoutingPartner>();
  cards = new Map<string, LoadedCard>();
  pricePlans: PricePlanEntry[] = [];
  plans: RoutingPlan[] = [];
  fxRates: ExchangeRateRecord[] = [];
  samples = new Map<string, QualitySample>();
  asked: Array<{ vendorId: string; destination: string; from: Date; to: Date }> = [];

  customer(id: string, rows: RateRow[], options: CardOptions = {}): this {
    return this.party(id, "SELL", rows, options);
  }

  vendor(id: string, rows: RateRow[], options: CardOptions = {}): this {
    return this.party(id, "BUY", rows, options);
  }

  /** A partner's card and the default price plan choosing it (the partner is added unless known). */
  party(id: string, direction: "SELL" | "BUY", rows: RateRow[], options: CardOptions = {}): this {
    if (!this.partners.has(id) || options.partner) this.partners.set(id, partner(id, { ...this.partners.get(id), ...options.partner }));
    const service = options.service ?? RatedService.VOICE;
    const cardId = options.cardId ?? `${id}-${direction.toLowerCase()}-${service.toLowerCase()}`;
    this.cards.set(cardId, this.card(cardId, id, direction, rows, options));
    this.pricePlans.push({
      id: `plan-${cardId}-${this.pricePlans.length}`, partnerId: id, direction, service, rateCardId: cardId, trunkMappingId: null, agreementId: null,
      effectiveFrom: new Date("2026-01-01T00:00:00Z"), effectiveTo: null, ...options.plan,
    });
    return this;
  }

  card(cardId: string, partnerId: string, direction: "SELL" | "BUY", rows: RateRow[], options: CardOptions = {}): LoadedCard {
    const service = options.service ?? RatedService.VOICE;
    return loadCard({ id: cardId, partnerId, direction, service, currency: options.currency ?? "USD", version: options.version ?? 1, timezone: options.timezone ?? "UTC", timeBands: options.bands ?? [] }, rows);
  }

  plan(customerId: string, extra: Partial<RoutingPlan> = {}): this {
    this.plans.push({
      id: `rp-${this.plans.length}`, customerId, strategy: "LCR", maxRoutes: 10, minMargin: { kind: "FIXED", value: d(0) }, qualityFloor: null, vendors: [], overrides: [],
      effectiveFrom: new Date("2026-01-01T00:00:00Z"), effectiveTo: null, ...extra,
    });
    return this;
  }

  fx(base: string, quote: string, value: string, effectiveDate = "2026-01-01"): this {
    this.fxRates.push({ base, quote, rate: value, effectiveDate });
    return this;
  }

  quality(vendorId: string, destination: string, sample: QualitySample): this {
    this.samples.set(`${vendorId}|${destination}`, sample);
    return this;
  }

  index(options?: RoutingIndexOptions): RoutingIndex {
    return new RoutingIndex(
      {
        partners: this.partners, cards: this.cards, pricePlans: this.pricePlans, plans: this.plans, fx: new FxHistory(this.fxRates), hubCurrency: "USD",
        quality: (vendorId, destination, from, to) => {
          this.asked.push({ vendorId, destination, from, to });
          return this.samples.get(`${vendorId}|${destination}`);
        },
      },
      options,
    );
  }
}

export function ask(customerId: string, number: string, extra: Partial<RouteRequest> = {}): RouteRequest {
  return { customerId, number, at: AT, limit: 10, service: RatedService.VOICE, ...extra };
}

/** The routes of an answer as "vendor@cost" for compact assertions. */
export const order = (answer: { routes: Array<{ vendorId: string; cost: Decimal }> }) => answer.routes.map((r) => `${r.vendorId}@${r.cost.toFixed()}`);
export const reasons = (answer: { dropped: Array<{ vendorId: string; reason: string }> }) => Object.fromEntries(answer.dropped.map((x) => [x.vendorId, x.reason]));
