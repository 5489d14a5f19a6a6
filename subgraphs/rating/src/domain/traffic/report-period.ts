import type { FieldProblem } from "@intersettle/shared";

/** A report or usage period spans at most this many days, so one answer stays bounded (a year of days, by destination). */
export const MAX_PERIOD_DAYS = 366;
const DAY_MS = 86_400_000;

/** What is wrong with a period [from, to): empty, reversed, or longer than MAX_PERIOD_DAYS. */
export function periodProblems(from: Date, to: Date): FieldProblem[] {
  if (to <= from) return [{ field: "to", message: "must be after from" }];
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY_MS) return [{ field: "to", message: `must be at most ${MAX_PERIOD_DAYS} days after from` }];
  return [];
}
