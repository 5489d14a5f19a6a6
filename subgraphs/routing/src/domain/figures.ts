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

/** A figure for a reason: exact when short, else rounded to 10 places and marked. */
export function figure(value: Decimal): string {
  return value.decimalPlaces() > 10 ? `≈${value.toDecimalPlaces(10).toFixed()}` : value.toFixed();
}
