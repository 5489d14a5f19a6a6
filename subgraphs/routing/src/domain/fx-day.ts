import { crossRate, type Decimal, type FxHistory } from "@intersettle/shared";

const DAY_MS = 86_400_000;
/** Days whose cross rates are kept: today, plus the few other days simulations and exports ask about. */
const DAYS_KEPT = 32;

/**
 * Cross rates on a UTC day (direct, inverse, or through the hub currency), each pair worked out once per day:
 * a lookup then costs two map reads and no Decimal.
 */
export class FxDay {
  private readonly days = new Map<number, Map<string, Map<string, Decimal | null>>>();

  constructor(
    private readonly fx: FxHistory,
    private readonly hubCurrency: string,
  ) {}

  /** The rate of 1 `from` in `to` on `at`'s UTC day; undefined when no path is known. */
  rate(from: string, to: string, at: Date): Decimal | undefined {
    const day = Math.floor(at.getTime() / DAY_MS);
    let pairs = this.days.get(day);
    if (!pairs) {
      if (this.days.size >= DAYS_KEPT) this.days.clear();
      this.days.set(day, (pairs = new Map()));
    }
    let quotes = pairs.get(from);
    if (!quotes) pairs.set(from, (quotes = new Map()));
    let rate = quotes.get(to);
    if (rate === undefined) quotes.set(to, (rate = crossRate(from, to, this.fx.on(day), this.hubCurrency) ?? null));
    return rate ?? undefined;
  }
}
