import { Decimal, roundMoney, type RoundingRule } from "../money";
import { billedQuantity } from "./billing-increment";
import { PrefixIndex, dialledDigits } from "./prefix-index";
import { CHARGING_UNIT, RatedService, type RateRow } from "./rate-plan";
import { bandAtInstant, compileBands, splitByBands, ZoneClock, type BandSchedule, type TimeBand } from "./time-band";

/** A card ready to rate: its rows indexed by prefix, its bands compiled, the owner's clock. */
export interface RatingCard {
  service: RatedService;
  currency: string;
  timezone: string;
  bands: TimeBand[];
  schedule: BandSchedule;
  clock: ZoneClock;
  index: PrefixIndex<IndexedRate[]>;
}

/** A rate row with its effective period as epoch milliseconds, compared millions of times a second. */
export interface IndexedRate extends RateRow {
  fromMs: number;
  toMs: number;
  /**
   * Usage priced wholly on this row's own band, by billed quantity: most calls repeat a few lengths. Made on the
   * row's first call: a card holds tens of thousands of rows, most never rated in a given job (or only routed on).
   */
  priced: Map<number, { rated: RatedUsage }> | undefined;
}

export interface RatedPiece {
  band: string | null;
  quantity: number;
  /** Price per charging unit applied to this piece. */
  unitRate: Decimal;
  amount: Decimal;
}

/** Shared between calls priced alike: read, never change. */
export interface RatedUsage {
  prefix: string;
  destination: string;
  version: number;
  billedQuantity: number;
  /** Price per charging unit at the start of usage (what a piece would cost even when nothing is billed). */
  startRate: Decimal;
  connectFee: Decimal;
  pieces: RatedPiece[];
  /** Exact, never rounded. */
  exactAmount: Decimal;
  currency: string;
}

export type UnratedReason = "NO_PREFIX_MATCH" | "NO_RATE_IN_FORCE" | "NO_RATE_FOR_BAND";
export type RatingResult = { rated: RatedUsage } | { unrated: UnratedReason };

/** Groups rows by prefix into the index a card rates with. */
export function buildRatingCard(card: Omit<RatingCard, "index" | "schedule" | "clock">, rows: RateRow[]): RatingCard {
  const index = new PrefixIndex<IndexedRate[]>();
  for (const row of rows) {
    // Listed field by field: a spread copy came out with slow (dictionary) properties, read twice per call.
    const indexed: IndexedRate = {
      prefix: row.prefix, destination: row.destination, timeBand: row.timeBand, rate: row.rate, nextRate: row.nextRate, connectFee: row.connectFee,
      initialInterval: row.initialInterval, nextInterval: row.nextInterval, gracePeriod: row.gracePeriod, effectiveFrom: row.effectiveFrom, effectiveTo: row.effectiveTo,
      version: row.version, fromMs: row.effectiveFrom.getTime(), toMs: row.effectiveTo?.getTime() ?? Infinity, priced: undefined,
    };
    const list = index.get(row.prefix);
    if (list) list.push(indexed);
    else index.set(row.prefix, [indexed]);
  }
  return { ...card, index, schedule: compileBands(card.bands), clock: ZoneClock.of(card.timezone) };
}

/**
 * Prices usage by the rates in force when it started: the longest prefix with a rate in force then, its
 * increments, and each stretch of the usage at its time band's rate (falling back to the all-times rate).
 */
export function rateUsage(card: RatingCard, number: string, start: Date, quantity: number): RatingResult {
  const digits = dialledDigits(number);
  const at = start.getTime();
  const rows = card.index.longestValue(digits, anyInForce, at);
  if (!rows) return { unrated: card.index.longestMatch(digits) ? "NO_RATE_IN_FORCE" : "NO_PREFIX_MATCH" };
  const banded = card.schedule.bands.length > 0;
  const firstBand = banded ? bandAtInstant(start, card.schedule, card.clock) : null;
  const first = termsFor(rows, at, firstBand);
  if (!first) return { unrated: "NO_RATE_FOR_BAND" };

  const billed = billedQuantity(quantity, first);
  const timed = card.service === RatedService.VOICE;
  // Usage in one stretch, priced on its band's own row, costs the same whenever it happens.
  const memo = !(timed && banded) && first.timeBand === firstBand ? (first.priced ??= new Map()) : undefined;
  const known = memo?.get(billed);
  if (known) return known;
  const segments = billed === 0 ? [] : timed && banded ? splitByBands(start, billed, card.schedule, card.clock) : [{ band: firstBand, offset: 0, seconds: billed }];
  const perUnit = CHARGING_UNIT[card.service].quantityPerUnit;
  const pieces: RatedPiece[] = [];
  for (const segment of segments) {
    const terms = termsFor(rows, at, segment.band);
    if (!terms) return { unrated: "NO_RATE_FOR_BAND" };
    // A segment straddling the end of the initial interval is priced in two parts.
    const initialPart = Math.max(0, Math.min(segment.seconds, first.initialInterval - segment.offset));
    if (initialPart > 0) addPiece(pieces, segment.band, initialPart, terms.rate, perUnit);
    if (segment.seconds > initialPart) addPiece(pieces, segment.band, segment.seconds - initialPart, terms.nextRate, perUnit);
  }
  const connectFee = billed === 0 ? ZERO : first.connectFee;
  let exactAmount = connectFee;
  for (const piece of pieces) exactAmount = exactAmount.isZero() ? piece.amount : exactAmount.plus(piece.amount);
  const rated = { rated: { prefix: first.prefix, destination: first.destination, version: first.version, billedQuantity: billed, startRate: first.rate, connectFee, pieces, exactAmount, currency: card.currency } };
  if (memo && memo.size < MEMO_LIMIT) memo.set(billed, rated);
  return rated;
}

/**
 * The row `rateUsage` starts pricing with, found the same way (the longest prefix with a rate in force at `at`,
 * the row of the band at that instant or else the all-times row) with nothing allocated: routing asks this for
 * every vendor of every call it routes. `digits` are dialled digits (see `dialledDigits`).
 */
export function rateInForce(card: RatingCard, digits: string, at: Date): IndexedRate | undefined {
  const atMs = at.getTime();
  const rows = card.index.longestValue(digits, anyInForce, atMs);
  if (!rows) return undefined;
  return termsFor(rows, atMs, card.schedule.bands.length > 0 ? bandAtInstant(at, card.schedule, card.clock) : null);
}

/** The row for a band in force at an instant, falling back to the all-times row. */
function termsFor(rows: IndexedRate[], at: number, band: string | null): IndexedRate | undefined {
  return inForceFor(rows, at, band) ?? (band === null ? undefined : inForceFor(rows, at, null));
}

const ZERO = new Decimal(0);
/** Distinct billed quantities remembered per rate row: whole minutes up to hours, or seconds up to ~17 minutes. */
const MEMO_LIMIT = 1024;

function anyInForce(rows: IndexedRate[], at: number): boolean {
  for (let i = 0; i < rows.length; i++) if (rows[i].fromMs <= at && at < rows[i].toMs) return true;
  return false;
}

function inForceFor(rows: IndexedRate[], at: number, band: string | null): IndexedRate | undefined {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.timeBand === band && r.fromMs <= at && at < r.toMs) return r;
  }
  return undefined;
}

/** Appends a piece, merging it into the previous one when band and price are the same. */
function addPiece(pieces: RatedPiece[], band: string | null, quantity: number, unitRate: Decimal, perUnit: number): void {
  const last = pieces[pieces.length - 1];
  if (last && last.band === band && last.unitRate.equals(unitRate)) {
    last.quantity += quantity;
    last.amount = unitRate.times(last.quantity).dividedBy(perUnit);
  } else {
    pieces.push({ band, quantity, unitRate, amount: unitRate.times(quantity).dividedBy(perUnit) });
  }
}

/** The amount billed per CDR: rounded by the partner's convention when it rounds per CDR, else exact. */
export function chargedAmount(exact: Decimal, rounding: RoundingRule & { perCdr: boolean }): Decimal {
  return rounding.perCdr ? roundMoney(exact, rounding) : exact;
}
