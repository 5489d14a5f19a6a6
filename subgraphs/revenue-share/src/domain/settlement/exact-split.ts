import { Decimal } from "@intersettle/shared";

/**
 * Decimals kept by amounts before they are rounded to minor units: far finer than any currency, and few enough that
 * sums and differences of amounts below 10^18 stay exact at decimal.js's 40 significant digits.
 */
export const EXACT_DECIMALS = 20;

export function exactAmount(value: Decimal): Decimal {
  return value.toDecimalPlaces(EXACT_DECIMALS, Decimal.ROUND_HALF_EVEN);
}

/**
 * Rounds `parts` to `decimals` so that they sum exactly to `total` (itself at `decimals`), by largest remainder: each
 * part is rounded down, then the missing units go one each to the parts with the largest remainders, ties to the
 * earlier part. Shared `allocate` splits a total by non-negative weights; waterfall parts can be negative (an operator
 * funding a guarantee beyond its share, a negative net), so this works on the signed amounts themselves. A part
 * already at `decimals` has no remainder and stays as it is whenever the parts sum to the total.
 */
export function splitExactly(total: Decimal, parts: Decimal[], decimals: number): Decimal[] {
  const unit = new Decimal(1).dividedBy(new Decimal(10).pow(decimals));
  if (!total.modulo(unit).isZero()) throw new RangeError(`total ${total.toFixed()} is not in units of ${unit.toFixed()}`);
  if (parts.length === 0) {
    if (!total.isZero()) throw new RangeError("a non-zero total needs at least one part");
    return [];
  }
  const rounded = parts.map((p) => p.toDecimalPlaces(decimals, Decimal.ROUND_FLOOR));
  let missing = total.minus(rounded.reduce((a, b) => a.plus(b), new Decimal(0))).dividedBy(unit).toNumber();
  const byRemainder = parts.map((p, i) => ({ i, remainder: p.minus(rounded[i]) })).sort((a, b) => b.remainder.comparedTo(a.remainder) || a.i - b.i);
  // Only a caller whose parts do not sum to the total gets here with units to take away: from the smallest remainders.
  const order = missing >= 0 ? byRemainder : byRemainder.reverse();
  for (let k = 0; missing !== 0; k = (k + 1) % order.length) {
    const step = missing > 0 ? unit : unit.negated();
    rounded[order[k].i] = rounded[order[k].i].plus(step);
    missing += missing > 0 ? -1 : 1;
  }
  return rounded;
}
