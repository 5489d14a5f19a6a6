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

/** Bands compiled once per card: minutes of day and weekday flags, plus every minute where a band can change. */
export interface BandSchedule {
  bands: Array<{ name: string; days: boolean[]; start: number; end: number }>;
  boundaries: number[];
}

const DAY_MS = 86_400_000;
const BUCKET_MS = 900_000;

export function minutesOfDay(hhmm: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  if (!match || (match[1] === "24" && match[2] !== "00")) throw new RangeError(`'${hhmm}' is not a time HH:MM`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function compileBands(bands: TimeBand[]): BandSchedule {
  const compiled = bands.map((b) => ({ name: b.name, days: Array.from({ length: 8 }, (_, d) => b.weekdays.includes(d)), start: minutesOfDay(b.start), end: minutesOfDay(b.end) }));
  const boundaries = [...new Set([0, ...compiled.flatMap((b) => [b.start, b.end % 1440])])].sort((a, b) => a - b);
  return { bands: compiled, boundaries };
}

/** The band in force at a local weekday and minute; the first listed band wins where bands overlap. */
export function bandAt(schedule: BandSchedule | TimeBand[], weekday: number, minute: number): string | null {
  const { bands } = Array.isArray(schedule) ? compileBands(schedule) : schedule;
  const previousDay = weekday === 1 ? 7 : weekday - 1;
  for (const band of bands) {
    const inside = band.start < band.end ? band.days[weekday] && minute >= band.start && minute < band.end : (band.days[weekday] && minute >= band.start) || (band.days[previousDay] && minute < band.end);
    if (inside) return band.name;
  }
  return null;
}

/**
 * A zone's UTC offset without asking the timezone database for every call: one lookup per UTC day, and per
 * 15-minute bucket only on the few days the offset changes (every real change falls on a quarter hour).
 */
export class ZoneClock {
  private static readonly clocks = new Map<string, ZoneClock>();
  private readonly days = new Map<number, number | null>();
  private readonly offsets = new Map<number, number>();

  private constructor(private readonly zone: string) {}

  static of(zone: string): ZoneClock {
    let clock = ZoneClock.clocks.get(zone);
    if (!clock) ZoneClock.clocks.set(zone, (clock = new ZoneClock(zone)));
    return clock;
  }

  offsetMs(utcMs: number): number {
    const day = Math.floor(utcMs / DAY_MS);
    let steady = this.days.get(day);
    if (steady === undefined) {
      const atStart = this.lookUp(day * DAY_MS);
      steady = atStart === this.lookUp((day + 1) * DAY_MS - 1) ? atStart : null;
      if (this.days.size > 100_000) this.days.clear();
      this.days.set(day, steady);
    }
    if (steady !== null) return steady;
    const bucket = Math.floor(utcMs / BUCKET_MS);
    let offset = this.offsets.get(bucket);
    if (offset === undefined) this.offsets.set(bucket, (offset = this.lookUp(bucket * BUCKET_MS)));
    return offset;
  }

  private lookUp(utcMs: number): number {
    return DateTime.fromMillis(utcMs, { zone: this.zone }).offset * 60_000;
  }

  /** The UTC instant of a local wall-clock time (the later reading when clocks go back). */
  utcOf(wallMs: number, hint: number): number {
    const first = wallMs - hint;
    return wallMs - this.offsetMs(first);
  }
}

/**
 * Lays `seconds` of usage over the clock from `start` and cuts it where the band changes. Bands are read in
 * the owner's zone, so daylight-saving days and weekends fall where the partner's clock puts them.
 */
export function splitByBands(start: Date, seconds: number, bands: TimeBand[] | BandSchedule, zone: string | ZoneClock): BandSegment[] {
  if (seconds <= 0) return [];
  const schedule = Array.isArray(bands) ? compileBands(bands) : bands;
  if (schedule.bands.length === 0) return [{ band: null, offset: 0, seconds }];
  const clock = typeof zone === "string" ? ZoneClock.of(zone) : zone;
  // Whole seconds: CDR clocks tick in seconds, and integral pieces add up exactly.
  const startMs = Math.floor(start.getTime() / 1000) * 1000;
  const endMs = startMs + seconds * 1000;
  const segments: BandSegment[] = [];
  let cursor = startMs;
  while (cursor < endMs) {
    const offset = clock.offsetMs(cursor);
    const wall = cursor + offset;
    const day = Math.floor(wall / DAY_MS);
    const minute = Math.floor((wall - day * DAY_MS) / 60_000);
    const band = bandAt(schedule, ((day + 3) % 7) + 1, minute); // 1970-01-01 was a Thursday
    const nextMinute = schedule.boundaries.find((b) => b > minute) ?? 1440;
    const nextBoundary = clock.utcOf(day * DAY_MS + nextMinute * 60_000, offset);
    const until = Math.min(endMs, Math.max(nextBoundary, cursor + 1000));
    const length = (until - cursor) / 1000;
    const last = segments[segments.length - 1];
    if (last && last.band === band) last.seconds += length;
    else segments.push({ band, offset: (cursor - startMs) / 1000, seconds: length });
    cursor = until;
  }
  return segments;
}

/** The band in force at an instant. */
export function bandAtInstant(at: Date, schedule: BandSchedule, clock: ZoneClock): string | null {
  return splitByBands(at, 1, schedule, clock)[0].band;
}
