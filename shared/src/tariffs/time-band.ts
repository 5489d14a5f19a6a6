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

/** Bands compiled once per card: minutes of day and weekday flags, and the week as the minutes where the band changes. */
export interface BandSchedule {
  bands: Array<{ name: string; days: boolean[]; start: number; end: number }>;
  /**
   * Minutes of the local week (0: Monday 00:00) where the band in force changes, ascending, each with the band
   * from then on. Two in a row (round the week too) never hold the same band, so walking a call from change to
   * change costs one step per band change; one entry: the band never changes.
   */
  changes: Array<{ at: number; band: string | null }>;
}

const DAY_MS = 86_400_000;
const WEEK_MINUTES = 7 * 1440;
const BUCKET_MS = 900_000;

export function minutesOfDay(hhmm: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  if (!match || (match[1] === "24" && match[2] !== "00")) throw new RangeError(`'${hhmm}' is not a time HH:MM`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function compileBands(bands: TimeBand[]): BandSchedule {
  const compiled = bands.map((b) => ({ name: b.name, days: Array.from({ length: 8 }, (_, d) => b.weekdays.includes(d)), start: minutesOfDay(b.start), end: minutesOfDay(b.end) }));
  // Between two of these minutes of a day, the band in force stays the same.
  const cuts = [...new Set([0, ...compiled.flatMap((b) => [b.start, b.end % 1440])])].sort((a, b) => a - b);
  const changes: BandSchedule["changes"] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (const minute of cuts) {
      const band = bandOf(compiled, weekday, minute);
      if (changes.length === 0 || changes[changes.length - 1].band !== band) changes.push({ at: (weekday - 1) * 1440 + minute, band });
    }
  }
  // Monday 00:00 is no change when Sunday night's band carries on into it.
  if (changes.length > 1 && changes[0].band === changes[changes.length - 1].band) changes.shift();
  return { bands: compiled, changes };
}

/** The band in force at a local weekday and minute; the first listed band wins where bands overlap. */
export function bandAt(schedule: BandSchedule | TimeBand[], weekday: number, minute: number): string | null {
  return bandOf(Array.isArray(schedule) ? compileBands(schedule).bands : schedule.bands, weekday, minute);
}

function bandOf(bands: BandSchedule["bands"], weekday: number, minute: number): string | null {
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

  /**
   * `toMs` when the offset at `fromMs` (`offset`) holds until then; otherwise the instant it first changes. Clocks
   * change on a quarter hour, where the offset is read on change days, so the change is found by halving the buckets.
   */
  sameOffsetUntil(fromMs: number, offset: number, toMs: number): number {
    if (this.offsetMs(toMs - 1) === offset) return toMs;
    let lo = Math.floor(fromMs / BUCKET_MS);
    let hi = Math.floor((toMs - 1) / BUCKET_MS);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.offsetMs(mid * BUCKET_MS) === offset) lo = mid;
      else hi = mid;
    }
    return hi * BUCKET_MS;
  }

  /** The UTC instant of a local wall-clock time (the later reading when clocks go back). */
  utcOf(wallMs: number, hint: number): number {
    const first = wallMs - hint;
    return wallMs - this.offsetMs(first);
  }
}

/**
 * Lays `seconds` of usage over the clock from `start` and cuts it where the band changes. Bands are read in
 * the owner's zone, so daylight-saving days and weekends fall where the partner's clock puts them. The work is
 * a step per band change (and per clock change in between), whatever the length: a band that never changes
 * costs one step for any duration.
 */
export function splitByBands(start: Date, seconds: number, bands: TimeBand[] | BandSchedule, zone: string | ZoneClock): BandSegment[] {
  if (seconds <= 0) return [];
  const schedule = Array.isArray(bands) ? compileBands(bands) : bands;
  if (schedule.bands.length === 0) return [{ band: null, offset: 0, seconds }];
  const clock = typeof zone === "string" ? ZoneClock.of(zone) : zone;
  const { changes } = schedule;
  // Whole seconds: CDR clocks tick in seconds, and integral pieces add up exactly.
  const startMs = Math.floor(start.getTime() / 1000) * 1000;
  const endMs = startMs + seconds * 1000;
  const segments: BandSegment[] = [];
  let cursor = startMs;
  while (cursor < endMs) {
    const offset = clock.offsetMs(cursor);
    const { weekStart, index, nextAt } = weekPosition(changes, cursor + offset);
    let until = endMs;
    if (changes.length > 1) {
      // Where the next change falls if the offset holds; a clock change before it cuts there instead.
      const atThisOffset = weekStart + nextAt * 60_000 - offset;
      until = Math.min(endMs, Math.max(clock.sameOffsetUntil(cursor, offset, atThisOffset), cursor + 1000));
    }
    const band = changes[index].band;
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
  if (schedule.bands.length === 0) return null;
  const ms = Math.floor(at.getTime() / 1000) * 1000;
  return schedule.changes[weekPosition(schedule.changes, ms + clock.offsetMs(ms)).index].band;
}

/**
 * The start of a local wall-clock time's week (Monday 00:00), the last change at or before it (round the week),
 * and the minute of that week of the next change (past the week's end when it falls in the next week).
 */
function weekPosition(changes: BandSchedule["changes"], wallMs: number): { weekStart: number; index: number; nextAt: number } {
  const day = Math.floor(wallMs / DAY_MS);
  const weekday = (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 is Monday
  const weekStart = (day - weekday) * DAY_MS;
  const minute = Math.floor((wallMs - weekStart) / 60_000);
  const last = changes.length - 1;
  // Before the week's first change, the band is the one the week's last change set.
  if (minute < changes[0].at) return { weekStart, index: last, nextAt: changes[0].at };
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (changes[mid].at <= minute) lo = mid;
    else hi = mid - 1;
  }
  return { weekStart, index: lo, nextAt: lo < last ? changes[lo + 1].at : changes[0].at + WEEK_MINUTES };
}
