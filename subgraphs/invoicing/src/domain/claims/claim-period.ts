import { parseInstant, startOfLocalDate, type FieldProblem } from "@intersettle/shared";

/** The period a claim covers: [start, end), instants. */
export interface ClaimPeriod {
  start: Date;
  end: Date;
}

/**
 * The claim's period from a month ("2026-11", its calendar month in the partner's timezone) or from two ISO 8601
 * instants (a date alone is the start of that day in the partner's timezone; the end is exclusive).
 */
export function claimPeriodOf(input: { period?: string; periodStart?: string; periodEnd?: string }, timezone: string): { period?: ClaimPeriod; problems: FieldProblem[] } {
  if (input.period) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.period)) return { problems: [{ field: "period", message: "must be a month written YYYY-MM" }] };
    const [year, month] = input.period.split("-").map(Number);
    const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
    return { period: { start: startOfLocalDate(`${input.period}-01`, timezone), end: startOfLocalDate(next, timezone) }, problems: [] };
  }
  const problems: FieldProblem[] = [];
  const start = instant(input.periodStart, "periodStart", timezone, problems);
  const end = instant(input.periodEnd, "periodEnd", timezone, problems);
  if (start && end && end <= start) problems.push({ field: "periodEnd", message: "must be after periodStart" });
  return problems.length > 0 ? { problems } : { period: { start: start!, end: end! }, problems };
}

/** Why a call's start does not belong to the claim's period, or undefined when it does. */
export function outsidePeriodReason(start: Date, period: ClaimPeriod): string | undefined {
  if (start < period.start) return `start ${start.toISOString()} is before the claim's period, which starts ${period.start.toISOString()}`;
  if (start >= period.end) return `start ${start.toISOString()} is not before the end of the claim's period, ${period.end.toISOString()}`;
  return undefined;
}

function instant(text: string | undefined, field: string, timezone: string, problems: FieldProblem[]): Date | undefined {
  if (!text) {
    problems.push({ field, message: "is required (or give period as YYYY-MM)" });
    return undefined;
  }
  const parsed = parseInstant(text, timezone);
  if (!parsed) problems.push({ field, message: `'${text.slice(0, 40)}' is not an ISO 8601 date or instant` });
  return parsed;
}
