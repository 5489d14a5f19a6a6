import { localDate } from "@intersettle/shared";

const DAY_MS = 86_400_000;

/** A dispute waiting for the partner's answer, as reminders see it. */
export interface AwaitedDispute {
  submittedAt: Date;
  /** Local YYYY-MM-DD in the partner's timezone; overdue from the day after. */
  dueDate: string;
  lastRemindedAt: Date | null;
}

/**
 * Whether the partner's billing contact is due a reminder at `now`: once the dispute passes its due date (the first
 * check after it, whatever the interval), and every `intervalDays` after it was sent or last reminded.
 */
export function reminderDue(dispute: AwaitedDispute, now: Date, settings: { intervalDays: number; timezone: string }): boolean {
  const today = localDate(now, settings.timezone);
  const overdue = today > dispute.dueDate;
  const last = dispute.lastRemindedAt;
  if (overdue && (!last || localDate(last, settings.timezone) <= dispute.dueDate)) return true;
  const since = last ?? dispute.submittedAt;
  return now.getTime() - since.getTime() >= settings.intervalDays * DAY_MS;
}
