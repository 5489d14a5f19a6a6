import type { FieldProblem } from "@intersettle/shared";
import { currencyProblem } from "@intersettle/shared";
import { minutesOfDay, type TimeBand } from "@intersettle/shared";

export interface RateCardFields {
  name: string;
  currency: string;
  timeBands: TimeBand[];
}

/** Every problem with a rate card's fields, each naming its field. */
export function rateCardProblems(fields: Partial<RateCardFields>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (fields.name !== undefined && !fields.name.trim()) problems.push({ field: "name", message: "must not be empty" });
  if (fields.currency !== undefined) {
    const problem = currencyProblem(fields.currency);
    if (problem) problems.push({ field: "currency", message: problem });
  }
  const seen = new Set<string>();
  (fields.timeBands ?? []).forEach((band, i) => {
    const at = `timeBands.${i}`;
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(band.name)) problems.push({ field: `${at}.name`, message: `'${band.name}' must be 1-32 letters, digits, '-' or '_'` });
    if (seen.has(band.name)) problems.push({ field: `${at}.name`, message: `'${band.name}' is defined twice` });
    seen.add(band.name);
    if (band.weekdays.length === 0 || band.weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) problems.push({ field: `${at}.weekdays`, message: "must list ISO weekdays 1 (Monday) to 7 (Sunday)" });
    for (const edge of ["start", "end"] as const) {
      try {
        minutesOfDay(band[edge]);
      } catch {
        problems.push({ field: `${at}.${edge}`, message: `'${band[edge]}' is not a time HH:MM` });
      }
    }
    if (band.start === band.end) problems.push({ field: `${at}.end`, message: "must differ from start" });
  });
  return problems;
}
