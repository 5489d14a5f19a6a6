import { Decimal } from "@intersettle/shared";

/** The rate of 1 `base` in `quote` in force on a date, if one is known. */
export type FxLookup = (base: string, quote: string) => Decimal | undefined;

/**
 * Converts an amount between currencies: directly, through the inverse rate, or across the hub's base
 * currency (EUR→INR as EUR→USD→INR). Undefined when no path is known.
 */
export function convertAmount(amount: Decimal, from: string, to: string, lookup: FxLookup, hubCurrency: string): Decimal | undefined {
  if (from === to) return amount;
  const rate = crossRate(from, to, lookup, hubCurrency);
  return rate && amount.times(rate);
}

export function crossRate(from: string, to: string, lookup: FxLookup, hubCurrency: string): Decimal | undefined {
  if (from === to) return new Decimal(1);
  const direct = lookup(from, to);
  if (direct) return direct;
  const inverse = lookup(to, from);
  if (inverse) return new Decimal(1).dividedBy(inverse);
  if (from === hubCurrency || to === hubCurrency) return undefined;
  const leg1 = crossRate(from, hubCurrency, lookup, hubCurrency);
  const leg2 = crossRate(hubCurrency, to, lookup, hubCurrency);
  return leg1 && leg2 && leg1.times(leg2);
}
