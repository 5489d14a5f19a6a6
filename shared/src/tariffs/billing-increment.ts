import type { Decimal } from "../money";

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

/** The increment terms a rate row carries, by the deck column that sets each. */
export type IncrementTerm = "initialInterval" | "nextInterval" | "gracePeriod";

/**
 * The largest increment or grace period: a day of seconds (about 84 MB in KB for data), far above any real
 * tariff and within the database's integer.
 */
export const MAX_INCREMENT = 86_400;

/**
 * The one interval rule. Intervals are whole charging quantities of at least 1: an increment is the step
 * usage is billed in (1/1 is per-second billing, 60/60 per-minute), so a zero step bills nothing or nonsense
 * and is taken for the typo it is, whether initial or next. A grace period may be 0 (none).
 * Returns why `value` cannot be the term, or undefined when it can.
 */
export function incrementProblem(term: IncrementTerm, value: number): string | undefined {
  const min = term === "gracePeriod" ? 0 : 1;
  if (Number.isInteger(value) && value >= min && value <= MAX_INCREMENT) return undefined;
  const range = `must be a whole number from ${min} to ${MAX_INCREMENT}`;
  return min === 1 && value === 0 ? `${range}; an interval is the billing step (1 for per-second billing), never 0` : range;
}
