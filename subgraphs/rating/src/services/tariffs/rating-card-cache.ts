import type { DataSource } from "typeorm";
import { buildRatingCard, type RatingCard } from "@intersettle/shared";
import type { RateRow } from "@intersettle/shared";
import { Decimal } from "@intersettle/shared";
import type { RateCard } from "../../entities";
import type { RateRecord } from "../../domain/tariffs/tariff-export-lines";

export type { RateRecord };

/**
 * Rating indexes (prefix tries) of cards, kept in memory and rebuilt when a card's version or its owner's
 * timezone changes, so a new deck is live as soon as its import commits.
 */
export class RatingCardCache {
  private readonly cards = new Map<string, { key: string; card: RatingCard; records: RateRecord[] }>();

  constructor(private readonly dataSource: DataSource) {}

  async get(card: RateCard, timezone: string): Promise<RatingCard> {
    return (await this.entry(card, timezone)).card;
  }

  /** The card built for rating, with the rate rows it was built from (for a thread that builds its own). */
  async entry(card: RateCard, timezone: string): Promise<{ card: RatingCard; records: RateRecord[] }> {
    const key = `${card.currentVersion}|${timezone}|${JSON.stringify(card.timeBands)}`;
    const cached = this.cards.get(card.id);
    if (cached?.key === key) return cached;
    const rows = (await this.dataSource.query(
      `SELECT prefix, destination, time_band, rate, next_rate, connect_fee, initial_interval, next_interval, grace_period, effective_from, effective_to, version
         FROM rating.rate WHERE rate_card_id = $1 AND superseded_in IS NULL ORDER BY prefix, effective_from`,
      [card.id],
    )) as RateRecord[];
    const entry = { key, card: buildRatingCard({ service: card.service, currency: card.currency, timezone, bands: card.timeBands }, rows.map(rateRow)), records: rows };
    this.cards.set(card.id, entry);
    return entry;
  }
}


export function rateRow(r: RateRecord): RateRow {
  return {
    prefix: r.prefix,
    destination: r.destination,
    timeBand: r.time_band,
    rate: new Decimal(r.rate),
    nextRate: new Decimal(r.next_rate),
    connectFee: new Decimal(r.connect_fee),
    initialInterval: r.initial_interval,
    nextInterval: r.next_interval,
    gracePeriod: r.grace_period,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    version: r.version,
  };
}
