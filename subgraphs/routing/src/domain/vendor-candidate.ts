import type { Decimal, IndexedRate, RatedService } from "@intersettle/shared";
import type { CardRates } from "./card-rates";
import type { costCeiling } from "./figures";
import type { FxRate } from "./fx-day";
import type { Ranked } from "./route-order";
import { DEFAULT_TERMS, type CompiledPlan, type RouteOverride } from "./routing-plan-book";
import type { DropReason, DroppedVendor, LoadedCard, OverrideAction, QualityFloor, RouteQuality } from "./route-types";

// What one lookup works with: the vendors that can carry the call, and the figures every vendor is judged against.

/** A loaded card with its rates laid out for lookups. */
export interface IndexedCard {
  loaded: LoadedCard;
  rates: CardRates;
}

/** A vendor able to carry the call: what ordering needs, and what its route is built from if it is kept. */
export class Candidate implements Ranked {
  private cost: Decimal | undefined;

  constructor(
    readonly vendorId: string,
    readonly code: string,
    readonly card: IndexedCard,
    readonly found: number,
    /** null: the card is in the sell currency. */
    readonly fx: FxRate | null,
    readonly approx: number,
    readonly lookup: Lookup,
  ) {}

  priority: number = DEFAULT_TERMS.priority;
  weight: number = DEFAULT_TERMS.weight;
  preferred = false;
  quality: RouteQuality | null = null;
  judged = false;
  override: OverrideAction | null = null;

  exactCost(): Decimal {
    return (this.cost ??= this.fx ? this.card.rates.costIn(this.found, this.lookup.sell.loaded.currency, this.lookup.day, this.fx.rate) : this.card.rates.row(this.found).rate);
  }
}

/** What one lookup judges every vendor against, worked out once per lookup. */
export interface Lookup {
  customerId: string;
  digits: string;
  at: Date;
  atMs: number;
  service: RatedService;
  sell: { loaded: LoadedCard; row: IndexedRate };
  /** UTC day of `at`, for exchange rates. */
  day: number;
  ceiling: RoutingCeiling;
  /** The ceiling as a float, for the comparisons it settles (see approxOrder). */
  ceilingApprox: number;
  /** The end of a margin drop's reason, written at the first one. */
  ceilingText?: string;
  floor: QualityFloor | null;
  /** Start of the quality window; undefined when quality is not looked at. */
  qualityFrom: Date | undefined;
  plan: CompiledPlan | undefined;
  forcing: RouteOverride | undefined;
}

export type RoutingCeiling = ReturnType<typeof costCeiling>;

/** Why a card has no rate for the digits at the instant, for people. */
export function noRate(loaded: LoadedCard, digits: string, at: Date): string {
  return loaded.card.index.longestMatch(digits)
    ? `card ${loaded.id} has no rate for ${digits} in force at ${at.toISOString()}`
    : `card ${loaded.id} has no prefix of ${digits}`;
}

export function drop(vendorId: string, reason: DropReason, detail: string): DroppedVendor {
  return { vendorId, reason, detail };
}

