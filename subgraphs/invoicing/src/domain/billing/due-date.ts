import { localDate } from "@intersettle/shared";

/**
 * The date an invoice falls due (YYYY-MM-DD): its issue date in the partner's timezone plus the payment terms in
 * calendar days. An invoice issued at 23:30 UTC may already be dated the next day in Asia/Tokyo, and so due a day later.
 */
export function dueDate(issuedAt: Date, terms: { paymentTermsDays: number; timezone: string }): string {
  if (!Number.isSafeInteger(terms.paymentTermsDays) || terms.paymentTermsDays < 0) {
    throw new RangeError(`payment terms must be a whole number of days, not ${terms.paymentTermsDays}`);
  }
  const issued = localDate(issuedAt, terms.timezone);
  if (!issued) throw new RangeError(`invalid timezone ${terms.timezone}`);
  // Calendar arithmetic on the local date itself, in UTC where every day has 24 hours.
  const due = new Date(`${issued}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() + terms.paymentTermsDays);
  return due.toISOString().slice(0, 10);
}
