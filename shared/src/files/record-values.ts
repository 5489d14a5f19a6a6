import { isUtf8 } from "node:buffer";
import type { TimeFault } from "../time/record-time";

/**
 * A record's key as it is stored (a call id, a transaction id): the text with every whitespace and invisible
 * spacing character removed from both ends, and nothing else changed (inner spaces, case and every other character
 * are kept). Removed are the Unicode White_Space characters — tab, line feed, vertical tab, form feed, carriage
 * return, space, U+0085 (next line), U+00A0 (no-break space), U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
 * U+205F, U+3000 — and U+180E, U+200B (zero-width space), U+200C, U+200D, U+2060 (word joiner) and U+FEFF (byte-order mark).
 */
export function trimPadding(raw: string): string {
  let from = 0;
  let to = raw.length;
  while (from < to && isPadding(raw.charCodeAt(from))) from++;
  while (to > from && isPadding(raw.charCodeAt(to - 1))) to--;
  return from === 0 && to === raw.length ? raw : raw.slice(from, to);
}

function isPadding(c: number): boolean {
  if (c > 0x20 && c < 0x85) return false;
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0x85 || c === 0xa0 || c === 0x1680 || c === 0x180e || (c >= 0x2000 && c <= 0x200d) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x2060 || c === 0x3000 || c === 0xfeff;
}

/**
 * Why a field's text (`name` as operators read it) cannot be stored, or undefined: longer than `max`, a NUL byte
 * (PostgreSQL text cannot hold one), or U+FFFD, which the reader puts where the file's bytes were not UTF-8.
 */
export function unstorableValue(name: string, text: string, max: number): string | undefined {
  if (text.length > max) return `${name} is ${text.length} characters; at most ${max}`;
  if (text.indexOf("\u0000") !== -1) return `a NUL byte in ${name}`;
  if (text.indexOf("\uFFFD") !== -1) return `${name} is not valid UTF-8 (a byte sequence was replaced by U+FFFD)`;
  return undefined;
}

/** A value quoted back to an operator, cut short: a reason never carries a long value. */
export function quoted(text: string): string {
  return `'${text.length > 40 ? text.slice(0, 40) + "…" : text}'`;
}

/** A rejected record's text as it can be stored: PostgreSQL text holds no NUL, so each shows as U+2400 (␀). */
export function storableRaw(text: string): string {
  return text.indexOf("\u0000") === -1 ? text : text.replaceAll("\u0000", "\u2400");
}

const REPLACEMENT_CHARACTER = Buffer.from("\uFFFD");

/**
 * True when bytes are UTF-8 throughout with neither NUL nor U+FFFD: every field read from them can be stored, so
 * a block checked once (at gigabytes a second) spares scanning each of its fields.
 */
export function isStorableText(bytes: Buffer): boolean {
  return isUtf8(bytes) && bytes.indexOf(0) === -1 && bytes.indexOf(REPLACEMENT_CHARACTER) === -1;
}

/** Why the time `text` of field `name` did not parse (see parseRecordTime), for a billing engineer. */
export function timeFaultReason(name: string, fault: TimeFault, text: string, format: string | undefined): string {
  switch (fault) {
    case "DATE":
      return `${name} ${text} is not a date`;
    case "TIME":
      return `${name} ${text} is not a time of day`;
    case "OFFSET":
      return `${name} ${text} has an impossible UTC offset`;
    case "FORMAT":
      return `${name} ${quoted(text)} is not in ${format ? `the layout's format ${format}` : BUILT_IN_TIME_FORMAT}`;
  }
}

const BUILT_IN_TIME_FORMAT = "the format YYYY-MM-DD HH:MM:SS, optionally with a fraction and Z or ±HH:MM (ISO 8601)";
