import type { DataSource } from "typeorm";
import { type CdrSourceRules, cdrLimits } from "@intersettle/shared";
import { PlanAgreements, PricePlanBook, type CdrValueSettings, type PlanAgreement, type PriceDirection, type PricePlanEntry, type RoundingMode } from "@intersettle/shared";
import { PricePlan, RateCard, type CdrSource } from "../../entities";
import type { BillableRules, PartnerPricing, PricingLookup } from "../../domain/mediation/rate-cdr";
import { planTrunks, type TrunkMapping, type TrunkPlan } from "../../domain/mediation/trunk-mapping";
import type { RatedService } from "@intersettle/shared";
import type { CdrSourceService } from "./cdr-source.service";
import type { RateRecord, RatingCardCache } from "../tariffs/rating-card-cache";
import type { PartnerDirectory } from "../partner-settings/partner-directory";
import type { PartnerAgreements } from "../partner-settings/partner-agreements";

/** A card of a partner, ready to rate, and the rate rows it was built from. */
export interface PricedCard {
  partnerId: string;
  direction: PriceDirection;
  service: RatedService;
  pricing: PartnerPricing;
  records: RateRecord[];
}

/** A plan with the card it names, so that choosing the plan is finding the pricing. */
interface PricedPlan extends PricePlanEntry {
  pricing: PartnerPricing;
}

/** Everything that chooses and prices a job's cards, as plain data (threads rebuild the lookup from it). */
export interface PricingBook {
  cards: PricedCard[];
  plans: PricePlanEntry[];
  agreements: PlanAgreement[];
  /** Each partner's timezone, in which its agreements' dates are read. */
  timezones: Record<string, string>;
}

/**
 * The price plans of every partner a job can meet, the cards they name and the partners' agreements; a job uses them
 * as they were when it started.
 */
export async function loadPricingBook(dataSource: DataSource, partners: PartnerDirectory, agreements: PartnerAgreements, cache: RatingCardCache, partnerIds: string[]): Promise<PricingBook> {
  if (partnerIds.length === 0) return { cards: [], plans: [], agreements: [], timezones: {} };
  const plans = await dataSource.getRepository(PricePlan).createQueryBuilder("p").where("p.partner_id = ANY(:ids)", { ids: partnerIds }).getMany();
  const cardIds = [...new Set(plans.map((p) => p.rateCardId))];
  const cards = cardIds.length === 0 ? [] : await dataSource.getRepository(RateCard).createQueryBuilder("c").where("c.id = ANY(:ids)", { ids: cardIds }).getMany();
  const timezones: Record<string, string> = {};
  const priced: PricedCard[] = [];
  for (const partnerId of partnerIds) {
    const owner = await partners.get(partnerId);
    timezones[partnerId] = owner.timezone;
  }
  for (const card of cards) {
    const owner = await partners.get(card.partnerId);
    const { card: rating, records } = await cache.entry(card, owner.timezone);
    const rounding = { decimals: owner.roundingDecimals, mode: owner.roundingMode as RoundingMode, perCdr: owner.roundingScope === "PER_CDR" };
    priced.push({ partnerId: card.partnerId, direction: card.direction, service: card.service, pricing: { card: rating, cardId: card.id, rounding }, records });
  }
  return { cards: priced, plans: plans.map(planEntry), agreements: await agreements.of(partnerIds), timezones };
}

function planEntry(p: PricePlan): PricePlanEntry {
  return { id: p.id, partnerId: p.partnerId, direction: p.direction, service: p.service, rateCardId: p.rateCardId, trunkMappingId: p.trunkMappingId, agreementId: p.agreementId, effectiveFrom: p.effectiveFrom, effectiveTo: p.effectiveTo };
}

/** Asked twice per call: the shared PricePlanBook's allocation-free choice, which hands back the plan's card. */
export function pricingLookup(book: PricingBook): PricingLookup {
  const byCard = new Map(book.cards.map((c) => [c.pricing.cardId, c.pricing]));
  const plans: PricedPlan[] = [];
  for (const p of book.plans) {
    const pricing = byCard.get(p.rateCardId);
    if (pricing) plans.push({ ...p, pricing });
  }
  const chooser = new PricePlanBook(plans);
  const inForce = new PlanAgreements(book.agreements, (partnerId) => book.timezones[partnerId] ?? "UTC").inForce;
  return (partnerId, direction, service, atMs, trunkMappingId) => chooser.chooseAt(partnerId, direction, service, atMs, trunkMappingId, inForce)?.pricing;
}

/** What rating a source's calls needs: its trunk mappings, billable rules, and the cards of every partner it maps. */
export interface SourceRating {
  mappings: TrunkMapping[];
  trunks: TrunkPlan;
  billable: BillableRules;
  book: PricingBook;
  pricing: PricingLookup;
}

export async function loadSourceRating(dataSource: DataSource, sources: CdrSourceService, partners: PartnerDirectory, agreements: PartnerAgreements, cache: RatingCardCache, source: CdrSource): Promise<SourceRating> {
  const mappings = await sources.mappings(source.id);
  const partnerIds = [...new Set(mappings.map((m) => m.partnerId).filter((p): p is string => !!p))];
  const book = await loadPricingBook(dataSource, partners, agreements, cache, partnerIds);
  return {
    mappings,
    trunks: planTrunks(mappings),
    billable: { dispositions: source.billableDispositions, minBillableSeconds: source.minBillableSeconds },
    book,
    pricing: pricingLookup(book),
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
