import { Decimal } from "@intersettle/shared";

/** The rate of 1 `from` in `to` to bill with, if one is known. */
export type ExchangeRateLookup = (from: string, to: string) => Decimal | undefined;

/** A billing run cannot convert usage: it stops rather than bill part of a period. */
export class MissingExchangeRateError extends Error {
  constructor(readonly from: string, readonly to: string) {
    super(`no exchange rate from ${from} to ${to}`);
    this.name = "MissingExchangeRateError";
  }
}

/** A lookup over a table keyed "FROM/TO" (e.g. { "EUR/USD": new Decimal("1.08") }); inverse pairs are derived. */
export function exchangeRateTable(table: Readonly<Record<string, Decimal>>): ExchangeRateLookup {
  return (from, to) => {
    const direct = table[`${from}/${to}`];
    if (direct) return direct;
    const inverse = table[`${to}/${from}`];
    return inverse && !inverse.isZero() ? new Decimal(1).dividedBy(inverse) : undefined;
  };
}

/** The rate to convert `from` into `to`; throws when none is known or it is not positive. */
export function requireExchangeRate(lookup: ExchangeRateLookup, from: string, to: string): Decimal {
  const rate = lookup(from, to);
  if (!rate || !rate.isFinite() || rate.lte(0)) throw new MissingExchangeRateError(from, to);
  return rate;
}
