import { Decimal } from "@intersettle/shared";
import type { MinimumMargin } from "./route-types";

const HUNDRED = new Decimal(100);
export const ZERO = new Decimal(0);

/**
 * The most a route may cost per charging unit: the sell rate less the minimum margin (FIXED: an amount in the
 * sell currency; PERCENT: of the sell rate). Without a plan the minimum is 0: never route at a loss.
 */
export function costCeiling(sell: Decimal, minimum: MinimumMargin | null): { ceiling: Decimal; margin: Decimal } {
  if (!minimum || minimum.value.isZero()) return { ceiling: sell, margin: ZERO };
  const margin = minimum.kind === "FIXED" ? minimum.value : sell.times(minimum.value).dividedBy(HUNDRED);
  return { ceiling: sell.minus(margin), margin };
}

/**
 * Floats of exact amounts are within about 1e-16 of them (relative); two further apart than this are ordered by
 * their floats for sure, and only closer ones need the exact (and allocating) Decimal comparison.
 */
const CLEARLY_APART = 1e-9;

/** -1 or 1 when the float approximations of two amounts settle their order, 0 when only the exact amounts can. */
export function approxOrder(a: number, b: number): number {
  const gap = a - b;
  return Math.abs(gap) > CLEARLY_APART * Math.max(Math.abs(a), Math.abs(b)) ? (gap < 0 ? -1 : 1) : 0;
}

/** A figure for a reason: exact when short, else rounded to 10 places and marked. */
export function figure(value: Decimal): string {
  return value.decimalPlaces() > 10 ? `≈${value.toDecimalPlaces(10).toFixed()}` : value.toFixed();
}
