import type { FieldProblem } from "@intersettle/shared";
import { PrefixIndex, dialledDigits, isDigits } from "@intersettle/shared";

/** A number range known for International Revenue Share Fraud: calls to it pay a share to whoever holds the numbers. */
export interface IrsfRange {
  /** Leading digits of the E.164 numbers in the range, without + or 00. */
  prefix: string;
  name: string;
  note: string | null;
}

/** An IRSF list holds a few hundred thousand ranges at most. */
export const MAX_IRSF_RANGES = 500_000;
const MAX_PREFIX_DIGITS = 15;

/** One CSV row of an IRSF list as a range, or what is wrong with it (fields named `line N: column`). */
export function irsfRangeFrom(cells: { prefix?: string; name?: string; note?: string }, line: number): { range?: IrsfRange; problems: FieldProblem[] } {
  const raw = (cells.prefix ?? "").trim();
  // Digits only, after an optional + or 00: a letter or a dash is a typo, not a separator to drop.
  const prefix = /^(\+|00)?[0-9]+$/.test(raw) ? dialledDigits(raw) : "";
  const problems: FieldProblem[] = [];
  if (!isDigits(prefix) || prefix.length > MAX_PREFIX_DIGITS || prefix.length < 2) problems.push({ field: `line ${line}: prefix`, message: `must be 2 to ${MAX_PREFIX_DIGITS} digits of an E.164 number (a leading + or 00 is dropped)` });
  const name = (cells.name ?? "").trim();
  if (name.length > 200) problems.push({ field: `line ${line}: name`, message: "must be at most 200 characters" });
  const note = (cells.note ?? "").trim();
  if (note.length > 2000) problems.push({ field: `line ${line}: note`, message: "must be at most 2000 characters" });
  return problems.length > 0 ? { problems } : { range: { prefix, name, note: note || null }, problems };
}

/** Longest-prefix lookup of the ranges: what a rating thread checks each call's B-number against. */
export function irsfIndex(ranges: Iterable<IrsfRange>): PrefixIndex<IrsfRange> {
  const index = new PrefixIndex<IrsfRange>();
  for (const r of ranges) index.set(r.prefix, r);
  return index;
}
