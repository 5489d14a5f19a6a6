import { bandAtInstant, type Decimal, type PrefixIndex, type IndexedRate, type RatingCard } from "@intersettle/shared";

/**
 * One card's rates laid out for routing, which asks every vendor's card about every call: the periods of each
 * prefix's rows in typed arrays next to each other, so finding the rate in force reads a few contiguous numbers
 * rather than a row object per prefix on the way. It picks exactly the row `rateInForce` (and so `rateUsage`) does:
 * the longest prefix with a row in force at the instant, then that prefix's row for the band at that instant, else
 * its all-times row. Built once per card version.
 */
export class CardRates {
  /** Prefix → its group: rows `groupStart[g]` up to `groupStart[g + 1]`, in the card's order. */
  private readonly groups: PrefixIndex<number>;
  private readonly groupStart: Int32Array;
  /**
   * Per group, the one stretch of time its rows cover together, as [from, to) pairs (NaN when they leave gaps): a
   * prefix passed on the way to a longer one is checked with two numbers instead of a scan of its rows.
   */
  private readonly spans: Float64Array;
  /** Per row, [from, to) in epoch milliseconds, side by side. */
  private readonly periods: Float64Array;
  /** Per row, its band as a number: -1 all times, -2 a band the card does not define (never in force). */
  private readonly bandIds: Int16Array;
  private readonly bandIdOf: Map<string, number>;
  /** Each row's rate as a float: most comparisons are settled by it without touching the row (see approxOrder). */
  readonly approx: Float64Array;
  private readonly rows: IndexedRate[] = [];
  /** The instant a walk is asked about: the trie's accept callback reads it, so no closure is made per lookup. */
  private atMs = 0;
  /** Rates converted to other currencies, per row, by the day and exchange rate they were converted on (a few days kept). */
  private readonly converted: Array<{ to: string; day: number; rate: Decimal; amounts: Array<Decimal | undefined> }> = [];

  constructor(readonly card: RatingCard) {
    this.bandIdOf = new Map(card.schedule.bands.map((b, i) => [b.name, i]));
    const starts: number[] = [];
    const spans: number[] = [];
    this.groups = card.index.mapValues((list) => {
      starts.push(this.rows.length);
      for (const row of list) this.rows.push(row);
      span(list, spans);
      return starts.length - 1;
    });
    starts.push(this.rows.length);
    const count = this.rows.length;
    this.groupStart = Int32Array.from(starts);
    this.spans = Float64Array.from(spans);
    this.periods = new Float64Array(2 * count);
    this.bandIds = new Int16Array(count);
    this.approx = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const row = this.rows[i];
      this.periods[2 * i] = row.fromMs;
      this.periods[2 * i + 1] = row.toMs;
      this.bandIds[i] = row.timeBand === null ? -1 : (this.bandIdOf.get(row.timeBand) ?? -2);
      this.approx[i] = Number(row.rate.toString());
    }
  }

  /** The row that prices a call to `digits` starting at `at`, as an index for `row` and `costIn`; -1 when none. */
  find(digits: string, at: Date): number {
    this.atMs = at.getTime();
    const group = this.groups.longestValue(digits, anyInForce, this);
    if (group === undefined) return -1;
    const band = this.card.schedule.bands.length > 0 ? bandAtInstant(at, this.card.schedule, this.card.clock) : null;
    const bandId = band === null ? -1 : this.bandIdOf.get(band)!;
    const inBand = this.inForce(group, bandId);
    return inBand >= 0 || bandId === -1 ? inBand : this.inForce(group, -1);
  }

  row(index: number): IndexedRate {
    return this.rows[index];
  }

  /**
   * A row's rate in another currency at `rate` (1 card currency in `to`), on `day`: multiplied once per row and
   * day, since routing re-prices the same rows all day long.
   */
  costIn(index: number, to: string, day: number, rate: Decimal): Decimal {
    let memo = this.converted.find((m) => m.day === day && m.to === to && m.rate === rate);
    if (!memo) {
      // Calls around midnight ask about two days at once; a few sell currencies times a few days is plenty.
      if (this.converted.length >= CONVERSIONS_KEPT) this.converted.shift();
      this.converted.push((memo = { to, day, rate, amounts: new Array<Decimal | undefined>(this.rows.length) }));
    }
    return (memo.amounts[index] ??= this.rows[index].rate.times(rate));
  }

  private inForce(group: number, bandId: number): number {
    const at = this.atMs;
    for (let i = this.groupStart[group], end = this.groupStart[group + 1]; i < end; i++) {
      if (this.bandIds[i] === bandId && this.periods[2 * i] <= at && at < this.periods[2 * i + 1]) return i;
    }
    return -1;
  }

  /** True when any row of the group is in force at `this.atMs`. */
  anyInForce(group: number): boolean {
    const at = this.atMs;
    const from = this.spans[2 * group];
    if (from === from) return from <= at && at < this.spans[2 * group + 1];
    for (let i = this.groupStart[group], end = this.groupStart[group + 1]; i < end; i++) if (this.periods[2 * i] <= at && at < this.periods[2 * i + 1]) return true;
    return false;
  }
}

const CONVERSIONS_KEPT = 4;

function anyInForce(group: number, rates: CardRates): boolean {
  return rates.anyInForce(group);
}

/** Appends the [from, to) the rows cover together when they leave no gap, else [NaN, NaN]. */
function span(rows: IndexedRate[], into: number[]): void {
  if (rows.length === 1) {
    into.push(rows[0].fromMs, rows[0].toMs);
    return;
  }
  const sorted = [...rows].sort((a, b) => a.fromMs - b.fromMs);
  const from = sorted[0].fromMs;
  let to = sorted[0].toMs;
  for (const r of sorted) {
    if (r.fromMs > to) {
      into.push(NaN, NaN);
      return;
    }
    to = Math.max(to, r.toMs);
  }
  into.push(from, to);
}
