import { buildRatingCard, type RateRow, type TimeBand } from "@intersettle/shared";
import type { LoadedCard } from "./route-types";

/** A card's header as rating's tariff export writes it (the `card` line). */
export interface CardHeader extends Omit<LoadedCard, "card"> {
  /** The card owner's timezone: time bands are read on its clock. */
  timezone: string;
  timeBands: TimeBand[];
}

/** Builds a card for the index once per card version: prefixes in a trie, bands compiled, the owner's clock. */
export function loadCard(header: CardHeader, rows: RateRow[]): LoadedCard {
  const { id, partnerId, direction, service, currency, version, timezone, timeBands } = header;
  return { id, partnerId, direction, service, currency, version, card: buildRatingCard({ service, currency, timezone, bands: timeBands }, rows) };
}
