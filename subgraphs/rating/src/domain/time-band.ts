import { DateTime } from "luxon";

/** A named period of the week in the card owner's timezone, e.g. PEAK Mon–Fri 08:00–18:00. */
export interface TimeBand {
  name: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday; a band crossing midnight belongs to the day it starts. */
  weekdays: number[];
  /** Local "HH:MM"; end is exclusive and may be "24:00"; an end before the start crosses midnight. */
  start: string;
  end: string;
}

/** A stretch of usage inside one band (null: outside every band). */
export interface BandSegment {
  band: string | null;
  /** Seconds from the start of usage. */
  offset: number;
  seconds: number;
}

export function minutesOfDay(hhmm: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  if (!match || (match[1] === "24" && match[2] !== "00")) throw new RangeError(`'${hhmm}' is not a time HH:MM`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The band in force at a local weekday and minute; the first listed band wins where bands overlap. */
export function bandAt(bands: TimeBand[], weekday: number, minute: number): string | null {
  const previousDay = weekday === 1 ? 7 : weekday - 1;
  for (const band of bands) {
    const start = minutesOfDay(band.start);
    const end = minutesOfDay(band.end);
    if (start < end ? band.weekdays.includes(weekday) && minute >= start && minute < end : (band.weekdays.includes(weekday) && minute >= start) || (band.weekdays.includes(previousDay) && minute < end)) {
      return band.name;
    }
  }
  return null;
}

/**
 * Lays `seconds` of usage over the clock from `start` and cuts it where the band changes. Bands are read in
 * `zone`, so daylight-saving days and weekends fall where the partner's clock puts them.
 */
export function splitByBands(start: Date, seconds: number, bands: TimeBand[], zone: string): BandSegment[] {
  if (seconds <= 0) return [];
  if (bands.length === 0) return [{ band: null, offset: 0, seconds }];
  const boundaries = [...new Set([0, ...bands.flatMap((b) => [minutesOfDay(b.start), minutesOfDay(b.end) % 1440])])].sort((a, b) => a - b);
  // Whole seconds: CDR clocks tick in seconds, and integral pieces add up exactly.
  const startMs = Math.floor(start.getTime() / 1000) * 1000;
  const endMs = startMs + seconds * 1000;
  const segments: BandSegment[] = [];
  let cursor = startMs;
  while (cursor < endMs) {
    const local = DateTime.fromMillis(cursor, { zone });
    const minute = local.hour * 60 + local.minute;
    const band = bandAt(bands, local.weekday, minute);
    const nextMinute = boundaries.find((b) => b > minute);
    // Wall-clock arithmetic (set, plus days), not elapsed minutes, so boundaries stay put on DST days.
    const nextBoundary =
      nextMinute === undefined ? local.startOf("day").plus({ days: 1 }) : local.set({ hour: Math.floor(nextMinute / 60), minute: nextMinute % 60, second: 0, millisecond: 0 });
    const until = Math.min(endMs, Math.max(nextBoundary.toMillis(), cursor + 1000));
    const last = segments[segments.length - 1];
    const length = (until - cursor) / 1000;
    if (last && last.band === band) last.seconds += length;
    else segments.push({ band, offset: (cursor - startMs) / 1000, seconds: length });
    cursor = until;
  }
  return segments;
}
