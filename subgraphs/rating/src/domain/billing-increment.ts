import type { Decimal } from "@intersettle/shared";

/** The price terms of one rate row. Quantities are seconds (voice), messages (SMS, MMS) or KB (data). */
export interface RateTerms {
  /** Price per charging unit (minute, message or MB) during the initial interval. */
  rate: Decimal;
  /** Price per charging unit after the initial interval. */
  nextRate: Decimal;
  connectFee: Decimal;
  initialInterval: number;
  nextInterval: number;
  /** Usage no longer than this costs nothing. */
  gracePeriod: number;
}

/**
 * Billed quantity under increments: nothing for zero or grace-period usage; the initial interval in full;
 * then whole next intervals.
 */
export function billedQuantity(quantity: number, terms: Pick<RateTerms, "initialInterval" | "nextInterval" | "gracePeriod">): number {
  if (quantity <= 0 || quantity <= terms.gracePeriod) return 0;
  if (quantity <= terms.initialInterval) return terms.initialInterval;
  return terms.initialInterval + Math.ceil((quantity - terms.initialInterval) / terms.nextInterval) * terms.nextInterval;
}
