import { DateTime } from "luxon";
import { ZoneClock } from "../tariffs/time-band";

/** Why a time is not one: not in the declared format, not a calendar date, not a time of day, or an offset no zone has. */
export type TimeFault = "FORMAT" | "DATE" | "TIME" | "OFFSET";

/**
 * A record's time (a call's start, a content transaction's) as epoch milliseconds, read strictly in the declared
 * format and never rolled over.
 * Without a format: YYYY-MM-DD, "T" or a space, HH:MM:SS, then optionally a fraction of a second (1-9 digits)
 * and an offset (Z, ±HH:MM or ±HHMM); without an offset it is the source's local time (`zone`). A format "X" is whole
 * seconds since 1970-01-01 UTC and "x" whole milliseconds; any other format is a luxon format.
 */
export function parseRecordTime(text: string, zone: string, format?: string): number | TimeFault {
  if (!format) {
    // Records in a file come in time order, many to a second: the last time read is often the next one.
    if (text === last.text && zone === last.zone) return last.ms;
    const ms = builtIn(text, zone);
    if (typeof ms === "number") {
      last.text = text;
      last.zone = zone;
      last.ms = ms;
    }
    return ms;
  }
  if (format === "X" || format === "x") return epoch(text, format === "X" ? 1000 : 1);
  const key = `${zone}|${format}|${text}`;
  let known = byFormat.get(key);
  if (known === undefined) {
    known = withLuxon(text, format, zone);
    if (byFormat.size > 100_000) byFormat.clear();
    byFormat.set(key, known);
  }
  return known;
}

const last = { text: "", zone: "", ms: 0 };
const byFormat = new Map<string, number | TimeFault>();
/** 400 Gregorian years are exactly 146,097 days: Date.UTC reads years 0-99 as 1900-1999, so those are shifted by a cycle. */
const GREGORIAN_CYCLE_MS = 146_097 * 86_400_000;

function builtIn(text: string, zone: string): number | TimeFault {
  const n = text.length;
  if (n < 19 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return "FORMAT";
  const sep = text.charCodeAt(10);
  if (sep !== 84 && sep !== 32) return "FORMAT";
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return "FORMAT";
  let i = 19;
  let millis = 0;
  if (i < n && text.charCodeAt(i) === 46) {
    const from = ++i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    if (i === from || i - from > 9) return "FORMAT";
    millis = Number((text.slice(from, Math.min(i, from + 3)) + "00").slice(0, 3));
  }
  let offsetMs: number | undefined;
  if (i < n) {
    const sign = text.charCodeAt(i);
    if (sign === 90 && i + 1 === n) offsetMs = 0;
    else if (sign === 43 || sign === 45) {
      const hours = digits(text, i + 1, 2);
      const colon = n - i === 6 && text.charCodeAt(i + 3) === 58;
      const minutes = colon ? digits(text, i + 4, 2) : n - i === 5 ? digits(text, i + 3, 2) : -1;
      if (hours < 0 || minutes < 0) return "FORMAT";
      if (hours > 14 || minutes > 59) return "OFFSET";
      offsetMs = (sign === 45 ? -1 : 1) * (hours * 60 + minutes) * 60_000;
    } else return "FORMAT";
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return "DATE";
  if (hour > 23 || minute > 59 || second > 59) return "TIME";
  const wall = year < 100 ? Date.UTC(year + 400, month - 1, day, hour, minute, second, millis) - GREGORIAN_CYCLE_MS : Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (offsetMs !== undefined) return wall - offsetMs;
  const clock = ZoneClock.of(zone);
  return clock.utcOf(wall, clock.offsetMs(wall));
}

/** Whole seconds or milliseconds since 1970-01-01 UTC, digits only (no sign, no exponent). */
function epoch(text: string, msPerUnit: number): number | TimeFault {
  if (text.length === 0 || text.length > 16) return "FORMAT";
  const value = digits(text, 0, text.length);
  return value < 0 ? "FORMAT" : value * msPerUnit;
}

function withLuxon(text: string, format: string, zone: string): number | TimeFault {
  const dt = DateTime.fromFormat(text, format, { zone, setZone: true });
  if (!dt.isValid) {
    if (dt.invalidReason === "unparsable") return "FORMAT";
    if (dt.invalidReason !== "unit out of range") return "DATE";
    const { hour, minute, second } = DateTime.fromFormatExplain(text, format).result ?? {};
    return (hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59 ? "TIME" : "DATE";
  }
  // luxon reads 24:00 as the next day's midnight: a time that rolls over.
  if (dt.hour === 0 && (DateTime.fromFormatExplain(text, format).result?.hour ?? 0) === 24) return "TIME";
  return dt.toMillis();
}

/** The number written by `length` ASCII digits at `from`, or -1. */
function digits(text: string, from: number, length: number): number {
  if (from + length > text.length) return -1;
  let n = 0;
  for (let i = from; i < from + length; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return -1;
    n = n * 10 + c - 48;
  }
  return n;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
