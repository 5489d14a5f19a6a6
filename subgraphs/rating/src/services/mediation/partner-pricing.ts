import type { DataSource } from "typeorm";
import type { CdrValueSettings, RoundingMode } from "@intersettle/shared";
import { RateCard, type CdrSource } from "../../entities";
import type { BillableRules, PartnerPricing, PricingLookup } from "../../domain/mediation/rate-cdr";
import type { CdrSourceRules } from "../../domain/mediation/cdr-record";
import { cdrLimits } from "../../domain/mediation/cdr-values";
import { planTrunks, type TrunkMapping, type TrunkPlan } from "../../domain/mediation/trunk-mapping";
import type { RatedService } from "@intersettle/shared";
import type { CdrSourceService } from "./cdr-source.service";
import type { RateRecord, RatingCardCache } from "../tariffs/rating-card-cache";
import type { PartnerDirectory } from "../partner-settings/partner-directory";

/** A partner's card for one direction and service, and the rate rows it was built from. */
export interface PricedCard {
  partnerId: string;
  direction: "SELL" | "BUY";
  service: RatedService;
  pricing: PartnerPricing;
  records: RateRecord[];
}

/**
 * The SELL and BUY cards of every partner a job can meet, indexed for rating. A partner with several cards
 * for one direction and service rates on the oldest (the first created); a job uses the cards as they were
 * when it started.
 */
export async function loadPricedCards(dataSource: DataSource, partners: PartnerDirectory, cache: RatingCardCache, partnerIds: string[]): Promise<PricedCard[]> {
  if (partnerIds.length === 0) return [];
  const cards = await dataSource.getRepository(RateCard).createQueryBuilder("c").where("c.partner_id = ANY(:ids)", { ids: partnerIds }).orderBy("c.created_at").addOrderBy("c.id").getMany();
  const priced: PricedCard[] = [];
  for (const card of cards) {
    const direction = card.direction as "SELL" | "BUY";
    if (priced.some((p) => p.partnerId === card.partnerId && p.direction === direction && p.service === card.service)) continue;
    const owner = await partners.get(card.partnerId);
    const { card: rating, records } = await cache.entry(card, owner.timezone);
    const rounding = { decimals: owner.roundingDecimals, mode: owner.roundingMode as RoundingMode, perCdr: owner.roundingScope === "PER_CDR" };
    priced.push({ partnerId: card.partnerId, direction, service: card.service, pricing: { card: rating, cardId: card.id, rounding }, records });
  }
  return priced;
}

/** Looked up twice per call: nested maps, no key strings built. */
export function pricingLookup(cards: PricedCard[]): PricingLookup {
  const priced = new Map<string, Record<"SELL" | "BUY", Map<string, PartnerPricing>>>();
  for (const c of cards) {
    let cardsOf = priced.get(c.partnerId);
    if (!cardsOf) priced.set(c.partnerId, (cardsOf = { SELL: new Map(), BUY: new Map() }));
    cardsOf[c.direction].set(c.service, c.pricing);
  }
  return (partnerId, direction, service) => priced.get(partnerId)?.[direction].get(service);
}

/** What rating a source's calls needs: its trunk mappings, billable rules, and the cards of every partner it maps. */
export interface SourceRating {
  mappings: TrunkMapping[];
  trunks: TrunkPlan;
  billable: BillableRules;
  cards: PricedCard[];
  pricing: PricingLookup;
}

export async function loadSourceRating(dataSource: DataSource, sources: CdrSourceService, partners: PartnerDirectory, cache: RatingCardCache, source: CdrSource): Promise<SourceRating> {
  const mappings = await sources.mappings(source.id);
  const partnerIds = [...new Set(mappings.map((m) => m.partnerId).filter((p): p is string => !!p))];
  const cards = await loadPricedCards(dataSource, partners, cache, partnerIds);
  return {
    mappings,
    trunks: planTrunks(mappings),
    billable: { dispositions: source.billableDispositions, minBillableSeconds: source.minBillableSeconds },
    cards,
    pricing: pricingLookup(cards),
  };
}

/** How a source's records are read, with the limits on their values as they stand when its job starts (`now`). */
export function sourceRules(source: CdrSource, settings: CdrValueSettings, now: Date): CdrSourceRules {
  return {
    timezone: source.timezone,
    technicalPrefix: source.technicalPrefix,
    countryCode: source.countryCode,
    nationalPrefix: source.nationalPrefix,
    internationalPrefix: source.internationalPrefix,
    limits: cdrLimits(settings, now),
  };
}
