import { DateTime } from "luxon";

/** Billing periods a cycle can be cut into. */
export enum PeriodUnit {
  DAY = "DAY",
  WEEK = "WEEK",
  HALF_MONTH = "HALF_MONTH",
  MONTH = "MONTH",
}

/** A half-open interval [start, end) of UTC instants, with the local dates it covers. */
export interface Period {
  start: Date;
  end: Date;
  /** First local date in the period (YYYY-MM-DD). */
  firstDate: string;
  /** Last local date in the period (YYYY-MM-DD), inclusive. */
  lastDate: string;
}

/** The period of `unit` that contains `instant`, with boundaries at local midnight in `zone`. Weeks start on Monday. */
export function periodContaining(instant: Date, unit: PeriodUnit, zone: string): Period {
  const local = DateTime.fromJSDate(instant, { zone });
  if (!local.isValid) throw new RangeError(`invalid timezone ${zone}`);
  let start: DateTime;
  let end: DateTime;
  switch (unit) {
    case PeriodUnit.DAY:
      start = local.startOf("day");
      end = start.plus({ days: 1 });
      break;
    case PeriodUnit.WEEK:
      start = local.startOf("week");
      end = start.plus({ weeks: 1 });
      break;
    case PeriodUnit.MONTH:
      start = local.startOf("month");
      end = start.plus({ months: 1 });
      break;
    case PeriodUnit.HALF_MONTH:
      start = local.day <= 15 ? local.startOf("month") : local.startOf("month").set({ day: 16 });
      end = local.day <= 15 ? start.set({ day: 16 }) : local.startOf("month").plus({ months: 1 });
      break;
  }
  // startOf/plus in luxon keep wall-clock midnight across DST changes, so day lengths of 23 or 25 hours come out right.
  return {
    start: start.toJSDate(),
    end: end.startOf("day").toJSDate(),
    firstDate: start.toISODate()!,
    lastDate: end.minus({ days: 1 }).toISODate()!,
  };
}

/** Consecutive periods covering [from, to): the first contains `from`, the last contains the instant before `to`. */
export function periodsBetween(from: Date, to: Date, unit: PeriodUnit, zone: string): Period[] {
  const periods: Period[] = [];
  let cursor = from;
  while (cursor < to) {
    const period = periodContaining(cursor, unit, zone);
    periods.push(period);
    cursor = period.end;
  }
  return periods;
}
