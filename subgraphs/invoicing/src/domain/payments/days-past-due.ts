import { isIsoDate, localDate } from "@intersettle/shared";

const DAY_MS = 86_400_000;

/**
 * Whole days an invoice due on `dueDate` (YYYY-MM-DD) is past due at `asOf`, counted in calendar days of the
 * partner's `timezone`: 0 on the due date itself, 1 the day after, negative before. Calendar dates, not elapsed
 * hours, so a DST change or the hour of the day never moves an invoice into another bucket.
 */
export function daysPastDue(dueDate: string, asOf: Date, timezone: string): number {
  // Stored invoices and partners are validated; a bad value here is a bug, and a NaN would silently age as 90+.
  if (!isIsoDate(dueDate)) throw new RangeError(`'${dueDate}' is not a due date (YYYY-MM-DD)`);
  const today = localDate(asOf, timezone);
  if (!isIsoDate(today)) throw new RangeError(`invalid timezone ${timezone} or instant`);
  return (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / DAY_MS;
}
