import { Decimal } from "../money";

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

/** One stored exchange rate: 1 `base` is `rate` `quote` from `effectiveDate` (YYYY-MM-DD) on. */
export interface ExchangeRateRecord {
  base: string;
  quote: string;
  rate: string;
  effectiveDate: string;
}

/**
 * Every pair's rates over time, giving the lookup for any day: each pair's latest rate effective on or before
 * it. Built once per ingestion, so rating a call never waits on the database for a rate.
 */
export class FxHistory {
  private readonly pairs = new Map<string, Array<{ date: string; rate: Decimal }>>();
  private readonly days = new Map<number, FxLookup>();

  constructor(records: ExchangeRateRecord[]) {
    for (const r of [...records].sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0))) {
      const key = `${r.base}/${r.quote}`;
      let dated = this.pairs.get(key);
      if (!dated) this.pairs.set(key, (dated = []));
      dated.push({ date: r.effectiveDate, rate: new Decimal(r.rate) });
    }
  }

  /** The lookup for a UTC day, counted in days since 1970-01-01. */
  on(epochDay: number): FxLookup {
    let lookup = this.days.get(epochDay);
    if (!lookup) {
      const date = new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
      const rates = new Map<string, Decimal>();
      for (const [pair, dated] of this.pairs) {
        let found: Decimal | undefined;
        for (const d of dated) {
          if (d.date > date) break;
          found = d.rate;
        }
        if (found) rates.set(pair, found);
      }
      this.days.set(epochDay, (lookup = (base, quote) => rates.get(`${base}/${quote}`)));
    }
    return lookup;
  }
}
