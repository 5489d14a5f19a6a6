import { DateTime, IANAZone } from "luxon";

/** True for an IANA zone name such as Europe/London; fixed offsets like "+02:00" are not billing zones. */
export function isIanaTimezone(zone: string): boolean {
  return /^[A-Za-z]+(\/[A-Za-z0-9_+-]+)+$|^UTC$/.test(zone) && IANAZone.isValidZone(zone);
}

export function timezoneProblem(zone: string): string | undefined {
  return isIanaTimezone(zone) ? undefined : `'${zone}' is not an IANA timezone such as Europe/London`;
}

/** Parses an ISO 8601 instant; text without an offset is read in `zone`. */
export function parseInstant(text: string, zone = "UTC"): Date | undefined {
  const dt = DateTime.fromISO(text, { zone, setZone: true });
  return dt.isValid ? dt.toJSDate() : undefined;
}

/** Calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

/** The instant a local date begins in a zone (midnight local time, or the first valid time after it). */
export function startOfLocalDate(date: string, zone: string): Date {
  const dt = DateTime.fromISO(date, { zone });
  if (!dt.isValid) throw new RangeError(`'${date}' is not an ISO date`);
  return dt.startOf("day").toJSDate();
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** The instant the day after a local date begins in a zone: the exclusive end of a period whose last day is `date`. */
export function endOfLocalDate(date: string, zone: string): Date {
  const dt = DateTime.fromISO(date, { zone });
  if (!dt.isValid) throw new RangeError(`'${date}' is not an ISO date`);
  return dt.startOf("day").plus({ days: 1 }).toJSDate();
}
