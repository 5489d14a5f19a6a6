import type { DataSource } from "typeorm";
import type { RoundingMode } from "@intersettle/shared";
import { RateCard, type CdrSource } from "../entities";
import type { BillableRules, PartnerPricing, PricingLookup } from "../domain/mediation/rate-cdr";
import { planTrunks, type TrunkPlan } from "../domain/mediation/trunk-mapping";
import type { CdrSourceService } from "./cdr-source.service";
import type { RatingCardCache } from "./rating-card-cache";
import type { PartnerDirectory } from "./partner-directory";

/**
 * The SELL and BUY cards of every partner a job can meet, indexed for rating. A partner with several cards
 * for one direction and service rates on the oldest (the first created); a job uses the cards as they were
 * when it started.
 */
export async function loadPricing(dataSource: DataSource, partners: PartnerDirectory, cache: RatingCardCache, partnerIds: string[]): Promise<PricingLookup> {
  // Looked up twice per call: nested maps, no key strings built.
  const priced = new Map<string, Record<"SELL" | "BUY", Map<string, PartnerPricing>>>();
  if (partnerIds.length > 0) {
    const cards = await dataSource.getRepository(RateCard).createQueryBuilder("c").where("c.partner_id = ANY(:ids)", { ids: partnerIds }).orderBy("c.created_at").addOrderBy("c.id").getMany();
    for (const card of cards) {
      let cardsOf = priced.get(card.partnerId);
      if (!cardsOf) priced.set(card.partnerId, (cardsOf = { SELL: new Map(), BUY: new Map() }));
      const byService = cardsOf[card.direction as "SELL" | "BUY"];
      if (byService.has(card.service)) continue;
      const owner = await partners.get(card.partnerId);
      byService.set(card.service, {
        card: await cache.get(card, owner.timezone),
        cardId: card.id,
        rounding: { decimals: owner.roundingDecimals, mode: owner.roundingMode as RoundingMode, perCdr: owner.roundingScope === "PER_CDR" },
      });
    }
  }
  return (partnerId, direction, service) => priced.get(partnerId)?.[direction].get(service);
}

/** What rating a source's calls needs: its trunk mappings, billable rules, and the cards of every partner it maps. */
export interface SourceRating {
  trunks: TrunkPlan;
  billable: BillableRules;
  pricing: PricingLookup;
}

export async function loadSourceRating(dataSource: DataSource, sources: CdrSourceService, partners: PartnerDirectory, cache: RatingCardCache, source: CdrSource): Promise<SourceRating> {
  const mappings = await sources.mappings(source.id);
  const partnerIds = [...new Set(mappings.map((m) => m.partnerId).filter((p): p is string => !!p))];
  return {
    trunks: planTrunks(mappings),
    billable: { dispositions: source.billableDispositions, minBillableSeconds: source.minBillableSeconds },
    pricing: await loadPricing(dataSource, partners, cache, partnerIds),
  };
}
