import Decimal from "decimal.js";

/** How an amount is rounded; UP and DOWN are away from and towards zero. */
export enum RoundingMode {
  HALF_UP = "HALF_UP",
  HALF_EVEN = "HALF_EVEN",
  UP = "UP",
  DOWN = "DOWN",
}

/** Where a partner's rounding bites: on every rated CDR (a line sums rounded calls), or once on each invoice line. */
export enum RoundingScope {
  PER_CDR = "PER_CDR",
  PER_INVOICE_LINE = "PER_INVOICE_LINE",
}

/** A partner's rounding convention: decimals and mode. */
export interface RoundingRule {
  decimals: number;
  mode: RoundingMode;
}

const DECIMAL_MODE: Record<RoundingMode, Decimal.Rounding> = {
  [RoundingMode.HALF_UP]: Decimal.ROUND_HALF_UP,
  [RoundingMode.HALF_EVEN]: Decimal.ROUND_HALF_EVEN,
  [RoundingMode.UP]: Decimal.ROUND_UP,
  [RoundingMode.DOWN]: Decimal.ROUND_DOWN,
};

export function roundMoney(amount: Decimal.Value, rule: RoundingRule): Decimal {
  if (!Number.isInteger(rule.decimals) || rule.decimals < 0 || rule.decimals > 12) {
    throw new RangeError(`decimals must be an integer from 0 to 12, got ${rule.decimals}`);
  }
  return (Decimal.isDecimal(amount) ? amount : new Decimal(amount)).toDecimalPlaces(rule.decimals, DECIMAL_MODE[rule.mode]);
}

/**
 * Splits `total` into parts proportional to `weights`, each rounded to `decimals`, such that the parts
 * add up to exactly the rounded total: the units lost to rounding go to the largest remainders first.
 */
export function allocate(total: Decimal.Value, weights: Decimal.Value[], decimals: number): Decimal[] {
  if (weights.length === 0) throw new RangeError("allocate needs at least one weight");
  const ws = weights.map((w) => new Decimal(w));
  if (ws.some((w) => w.isNegative())) throw new RangeError("weights must not be negative");
  const weightSum = ws.reduce((a, b) => a.plus(b), new Decimal(0));
  if (weightSum.isZero()) throw new RangeError("weights must not all be zero");
  const unit = new Decimal(1).dividedBy(new Decimal(10).pow(decimals));
  const target = new Decimal(total).toDecimalPlaces(decimals, Decimal.ROUND_HALF_EVEN);
  const exact = ws.map((w) => target.times(w).dividedBy(weightSum));
  const parts = exact.map((e) => e.toDecimalPlaces(decimals, Decimal.ROUND_DOWN));
  let leftover = target.minus(parts.reduce((a, b) => a.plus(b), new Decimal(0))).dividedBy(unit).toNumber();
  const step = leftover >= 0 ? unit : unit.negated();
  const order = exact
    .map((e, i) => ({ i, remainder: e.minus(parts[i]).abs() }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.i - b.i);
  for (let k = 0; leftover !== 0; k = (k + 1) % order.length) {
    parts[order[k].i] = parts[order[k].i].plus(step);
    leftover += leftover > 0 ? -1 : 1;
  }
  return parts;
}
