import type { DataSource } from "typeorm";
import type { RoundingMode } from "@intersettle/shared";
import { RateCard } from "../entities";
import type { PartnerPricing, PricingLookup } from "../domain/mediation/rate-cdr";
import type { RatingCardCache } from "./rating-card-cache";
import type { PartnerDirectory } from "./partner-directory";

/**
 * The SELL and BUY cards of every partner a job can meet, indexed for rating. A partner with several cards
 * for one direction and service rates on the oldest (the first created); a job uses the cards as they were
 * when it started.
 */
export async function loadPricing(dataSource: DataSource, partners: PartnerDirectory, cache: RatingCardCache, partnerIds: string[]): Promise<PricingLookup> {
  const priced = new Map<string, PartnerPricing>();
  if (partnerIds.length > 0) {
    const cards = await dataSource.getRepository(RateCard).createQueryBuilder("c").where("c.partner_id = ANY(:ids)", { ids: partnerIds }).orderBy("c.created_at").addOrderBy("c.id").getMany();
    for (const card of cards) {
      const key = `${card.partnerId}|${card.direction}|${card.service}`;
      if (priced.has(key)) continue;
      const owner = await partners.get(card.partnerId);
      priced.set(key, {
        card: await cache.get(card, owner.timezone),
        cardId: card.id,
        rounding: { decimals: owner.roundingDecimals, mode: owner.roundingMode as RoundingMode, perCdr: owner.roundingScope === "PER_CDR" },
      });
    }
  }
  return (partnerId, direction, service) => priced.get(`${partnerId}|${direction}|${service}`);
}
