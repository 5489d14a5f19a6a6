import { crossRate, type Decimal, type FxHistory } from "@intersettle/shared";

const DAY_MS = 86_400_000;

/** An exchange rate, and its float for the quick comparisons that settle most orderings (see approxOrder). */
export interface FxRate {
  rate: Decimal;
  approx: number;
}
/** Days whose rates are kept: today, plus the few other days simulations and exports ask about. */
const DAYS_KEPT = 32;

/**
 * Exchange rates on a UTC day (direct, inverse, or through the hub currency, as rating converts), each pair worked
 * out once per day. The same Decimal comes back all day, so what was converted with it can be remembered.
 */
export class FxDay {
  private readonly days = new Map<number, Map<string, Map<string, FxRate | null>>>();

  constructor(
    private readonly fx: FxHistory,
    private readonly hubCurrency: string,
  ) {}

  /** The rate of 1 `from` in `to` on UTC day `day` (days since 1970-01-01); undefined when no path is known. */
  rate(from: string, to: string, day: number): FxRate | undefined {
    let pairs = this.days.get(day);
    if (!pairs) {
      if (this.days.size >= DAYS_KEPT) this.days.clear();
      this.days.set(day, (pairs = new Map()));
    }
    let quotes = pairs.get(from);
    if (!quotes) pairs.set(from, (quotes = new Map()));
    let rate = quotes.get(to);
    if (rate === undefined) {
      const exact = crossRate(from, to, this.fx.on(day), this.hubCurrency);
      quotes.set(to, (rate = exact ? { rate: exact, approx: exact.toNumber() } : null));
    }
    return rate ?? undefined;
  }
}

export function utcDay(at: Date): number {
  return Math.floor(at.getTime() / DAY_MS);
}
