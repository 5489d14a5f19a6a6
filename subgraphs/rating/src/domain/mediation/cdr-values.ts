import { isUtf8 } from "node:buffer";
import type { CdrValueSettings } from "@intersettle/shared";
import type { CdrField } from "./cdr-format";

/**
 * The most characters each field of a CDR may have. A call id is keyed in a btree index, whose entries hold at
 * most ~2,700 bytes; numbers longer than any dialling plan's and names longer than any switch writes are not
 * data but damage.
 */
export const CDR_FIELD_MAX_LENGTH: Readonly<Record<CdrField, number>> = {
  callId: 200,
  start: 64,
  answer: 64,
  duration: 32,
  units: 32,
  aNumber: 64,
  bNumber: 64,
  ingress: 200,
  egress: 200,
  account: 200,
  disposition: 64,
  service: 16,
};

/** Fields as operators read them in rejects: the native CSV's column names. */
export const CDR_FIELD_NAMES: Readonly<Record<CdrField, string>> = {
  callId: "call_id",
  start: "start",
  answer: "answer",
  duration: "duration",
  units: "units",
  aNumber: "a_number",
  bNumber: "b_number",
  ingress: "ingress",
  egress: "egress",
  account: "account",
  disposition: "disposition",
  service: "service",
};

/** Durations and units are stored as 32-bit integers. */
export const INT4_MAX = 2_147_483_647;

/** What a record's values may be, fixed when its job starts. */
export interface CdrLimits {
  /** The longest billable duration, in seconds. */
  maxDurationSeconds: number;
  /** The earliest and latest call start accepted, epoch milliseconds. */
  earliestMs: number;
  latestMs: number;
}

/** The limits the settings give at `now`: starts from `pastYears` calendar years before it to `futureDays` after. */
export function cdrLimits(settings: CdrValueSettings, now: Date): CdrLimits {
  const earliest = new Date(now.getTime());
  earliest.setUTCFullYear(earliest.getUTCFullYear() - settings.pastYears);
  return { maxDurationSeconds: settings.maxDurationSeconds, earliestMs: earliest.getTime(), latestMs: now.getTime() + settings.futureDays * 86_400_000 };
}

/**
 * The call id calls are keyed by: the text with every whitespace and invisible spacing character removed from
 * both ends, and nothing else changed (inner spaces, case and every other character are kept). Removed are the
 * Unicode White_Space characters — tab, line feed, vertical tab, form feed, carriage return, space, U+0085
 * (next line), U+00A0 (no-break space), U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 — and
 * U+180E, U+200B (zero-width space), U+200C, U+200D, U+2060 (word joiner) and U+FEFF (byte-order mark).
 */
export function normalizeCallId(raw: string): string {
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
 * Why a field's text cannot be stored, or undefined: longer than its maximum, a NUL byte (PostgreSQL text cannot
 * hold one), or U+FFFD, which the reader puts where the file's bytes were not UTF-8.
 */
export function unstorableText(field: CdrField, text: string): string | undefined {
  const max = CDR_FIELD_MAX_LENGTH[field];
  if (text.length > max) return `${CDR_FIELD_NAMES[field]} is ${text.length} characters; at most ${max}`;
  if (text.indexOf("\u0000") !== -1) return `a NUL byte in ${CDR_FIELD_NAMES[field]}`;
  if (text.indexOf("\uFFFD") !== -1) return `${CDR_FIELD_NAMES[field]} is not valid UTF-8 (a byte sequence was replaced by U+FFFD)`;
  return undefined;
}

/** A value quoted back to an operator, cut short: a reason never carries a long value. */
export function quoted(text: string): string {
  return `'${text.length > 40 ? text.slice(0, 40) + "…" : text}'`;
}

/** A duration ceiling as people say it: "7 days", "12 hours", or seconds. */
export function spokenSeconds(seconds: number): string {
  if (seconds % 86_400 === 0) return seconds === 86_400 ? "1 day" : `${seconds / 86_400} days`;
  if (seconds % 3600 === 0) return seconds === 3600 ? "1 hour" : `${seconds / 3600} hours`;
  return `${seconds} s`;
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
