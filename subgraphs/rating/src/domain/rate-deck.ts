import { DateTime } from "luxon";
import { clipText, Decimal } from "@intersettle/shared";
import type { RateRow } from "@intersettle/shared";
import { incrementProblem, type IncrementTerm } from "@intersettle/shared";

/** Fields of a rate deck row; the native CSV uses these names as its header. */
export const DECK_FIELDS = ["prefix", "destination", "rate", "next_rate", "connect_fee", "initial_interval", "next_interval", "grace_period", "effective_from", "effective_to", "time_band"] as const;
export type DeckField = (typeof DECK_FIELDS)[number];
const REQUIRED: DeckField[] = ["prefix", "destination", "rate"];

/** How a vendor writes its deck: column names, decimal comma, rate unit, date format. */
export interface DeckLayout {
  /** Our field → the vendor's column name; unmapped fields use their own name. */
  columns?: Partial<Record<DeckField, string>>;
  decimalComma?: boolean;
  /** Voice decks quoted per second are converted to per minute. */
  ratePer?: "MINUTE" | "SECOND";
  /** A luxon format such as dd/MM/yyyy or dd.MM.yyyy HH:mm; unset: ISO 8601. */
  dateFormat?: string;
}

export interface DeckProblem {
  line: number;
  column: string;
  message: string;
}

export type DeckRow = Omit<RateRow, "version">;

/**
 * What identifies a row in a deck: a deck lists each prefix once per time band (null: all times). A second row
 * with the same key is a duplicate whatever its effective period, since each row is applied against the row in
 * force at its own start.
 */
export type DeckRowKey = Pick<DeckRow, "prefix" | "timeBand">;

export type DeckColumns = Partial<Record<DeckField, number>>;

/** Finds each field's column in the header on line `line` (names case-insensitive, any order). */
export function resolveDeckColumns(header: string[], layout: DeckLayout = {}, line = 1): { columns: DeckColumns; problems: DeckProblem[] } {
  const positions = new Map(header.map((name, i) => [name.trim().toLowerCase(), i]));
  const columns: DeckColumns = {};
  const problems: DeckProblem[] = [];
  for (const field of DECK_FIELDS) {
    const name = (layout.columns?.[field] ?? field).trim().toLowerCase();
    const at = positions.get(name);
    if (at !== undefined) columns[field] = at;
    else if (REQUIRED.includes(field)) problems.push({ line, column: layout.columns?.[field] ?? field, message: "required column is missing from the header" });
  }
  return { columns, problems };
}

export interface DeckRowContext {
  layout: DeckLayout;
  /** The card owner's timezone, for dates without an offset. */
  zone: string;
  defaultEffectiveFrom: Date;
  /** Band names defined on the card. */
  bands: Set<string>;
}

/** Prices stay far inside decimal.js's 40 significant digits and any tariff: 12 digits before the point, 20 after. */
const PRICE_DIGITS = /^\d{1,12}(\.\d{1,20})?$/;

/** A cell quoted in a message: never a huge cell whole. */
const quoted = (raw: string) => `'${clipText(raw)}'`;

/**
 * Parses one data row; every problem names the line and column. The key comes back whenever the prefix and band
 * are valid, even for a row with other problems, so that duplicates are found alongside them.
 */
export function parseDeckRow(values: string[], line: number, columns: DeckColumns, ctx: DeckRowContext): { row?: DeckRow; key?: DeckRowKey; problems: DeckProblem[] } {
  const problems: DeckProblem[] = [];
  const columnName = (field: DeckField) => ctx.layout.columns?.[field] ?? field;
  const text = (field: DeckField) => {
    const at = columns[field];
    return at === undefined ? "" : (values[at] ?? "").trim();
  };
  const fail = (field: DeckField, message: string) => void problems.push({ line, column: columnName(field), message });

  const prefix = text("prefix");
  const prefixValid = /^\d{1,20}$/.test(prefix);
  if (!prefixValid) fail("prefix", prefix ? `${quoted(prefix)} must be 1-20 digits` : "is required");
  const destination = text("destination");
  if (!destination) fail("destination", "is required");
  else if (destination.length > 200) fail("destination", "must be at most 200 characters");
  else if (destination.includes("\u0000")) fail("destination", "must not contain a NUL byte");

  const money = (field: DeckField, fallback?: Decimal): Decimal | undefined => {
    const raw = text(field);
    if (!raw) {
      if (fallback === undefined) fail(field, "is required");
      return fallback;
    }
    const normalized = ctx.layout.decimalComma ? raw.replace(",", ".") : raw;
    if (!/^\d+(\.\d+)?$/.test(normalized)) return void fail(field, `${quoted(raw)} must be a non-negative decimal number`);
    if (!PRICE_DIGITS.test(normalized)) return void fail(field, `${quoted(raw)} must have at most 12 digits before the decimal point and 20 after`);
    const value = new Decimal(normalized);
    return ctx.layout.ratePer === "SECOND" && field !== "connect_fee" ? value.times(60) : value;
  };
  const increment = (field: DeckField, term: IncrementTerm, fallback: number): number => {
    const raw = text(field);
    if (!raw) return fallback;
    const value = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
    const problem = incrementProblem(term, value);
    return problem ? (fail(field, `${quoted(raw)} ${problem}`), fallback) : value;
  };
  const date = (field: DeckField): Date | null | undefined => {
    const raw = text(field);
    if (!raw) return null;
    const parsed = parseDeckDate(raw, ctx);
    if (!parsed) return void fail(field, `${quoted(raw)} is not a date${ctx.layout.dateFormat ? ` in the format ${ctx.layout.dateFormat}` : " (ISO 8601)"}`);
    return parsed;
  };

  const rate = money("rate");
  const nextRate = money("next_rate", rate ?? new Decimal(0));
  const connectFee = money("connect_fee", new Decimal(0));
  const initialInterval = increment("initial_interval", "initialInterval", 1);
  const nextInterval = increment("next_interval", "nextInterval", 1);
  const gracePeriod = increment("grace_period", "gracePeriod", 0);
  const effectiveFrom = date("effective_from") ?? ctx.defaultEffectiveFrom;
  const effectiveTo = date("effective_to");
  if (effectiveFrom && effectiveTo && effectiveTo <= effectiveFrom) fail("effective_to", "must be after effective_from");
  const band = text("time_band");
  const bandKnown = !band || ctx.bands.has(band);
  if (!bandKnown) fail("time_band", `${quoted(band)} is not a time band of this card (${[...ctx.bands].join(", ") || "it has none"})`);

  const key = prefixValid && bandKnown ? { prefix, timeBand: band || null } : undefined;
  if (problems.length > 0 || !rate || !nextRate || !connectFee || effectiveTo === undefined) return { key, problems };
  return {
    key,
    problems,
    row: { prefix, destination, rate, nextRate, connectFee, initialInterval, nextInterval, gracePeriod, effectiveFrom, effectiveTo, timeBand: band || null },
  };
}

const parsedDates = new Map<string, Date | null>();

/** Decks repeat a handful of dates over 100k rows; each distinct text is parsed once. */
function parseDeckDate(raw: string, ctx: DeckRowContext): Date | null {
  const key = `${ctx.zone}|${ctx.layout.dateFormat ?? ""}|${raw}`;
  let parsed = parsedDates.get(key);
  if (parsed === undefined) {
    const dt = ctx.layout.dateFormat ? DateTime.fromFormat(raw, ctx.layout.dateFormat, { zone: ctx.zone, setZone: true }) : DateTime.fromISO(raw, { zone: ctx.zone, setZone: true });
    parsed = dt.isValid ? dt.toJSDate() : null;
    if (parsedDates.size > 10_000) parsedDates.clear();
    parsedDates.set(key, parsed);
  }
  return parsed && new Date(parsed.getTime());
}
