/** How a failed delivery is retried: the waits after the 1st, 2nd, … failed attempt, and when to stop. */
export interface DeliveryRetrySchedule {
  /** Minutes to wait after each failed attempt; past the end of the list the last wait repeats. */
  delaysMinutes: readonly number[];
  /** Attempts in all, the first included; the delivery fails once this many have failed. */
  maxAttempts: number;
}

/**
 * Backing off from 1 minute to an hour rides out a mail server's restart or a greylisting without hammering it;
 * six attempts span some two hours and twenty minutes, after which an operator is better placed to look than a timer.
 */
export const DEFAULT_DELIVERY_RETRY: DeliveryRetrySchedule = { delaysMinutes: [1, 5, 15, 60], maxAttempts: 6 };

export type DeliveryRetryDecision = { status: "RETRY"; nextAttemptAt: Date } | { status: "FAILED" };

/**
 * What to do after `attempts` failed attempts, the last at `lastAttemptAt`: retry at a given time, or give up. A
 * permanent failure (the server refused the message or its recipients with a 5xx reply) is not retried: sending the
 * same message again gets the same answer.
 */
export function nextDeliveryAttempt(
  attempts: number,
  lastAttemptAt: Date,
  options: { permanentFailure?: boolean; schedule?: DeliveryRetrySchedule } = {},
): DeliveryRetryDecision {
  const schedule = options.schedule ?? DEFAULT_DELIVERY_RETRY;
  checkSchedule(schedule);
  if (!Number.isSafeInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a whole number of 1 or more, not ${attempts}`);
  if (Number.isNaN(lastAttemptAt.getTime())) throw new RangeError("lastAttemptAt must be a valid time");
  if (options.permanentFailure || attempts >= schedule.maxAttempts) return { status: "FAILED" };
  const delays = schedule.delaysMinutes;
  const minutes = delays[Math.min(attempts, delays.length) - 1];
  return { status: "RETRY", nextAttemptAt: new Date(lastAttemptAt.getTime() + minutes * 60_000) };
}

function checkSchedule(schedule: DeliveryRetrySchedule): void {
  if (!Number.isSafeInteger(schedule.maxAttempts) || schedule.maxAttempts < 1) throw new RangeError(`schedule.maxAttempts must be a whole number of 1 or more, not ${schedule.maxAttempts}`);
  if (schedule.delaysMinutes.length === 0) throw new RangeError("schedule.delaysMinutes must list at least one wait");
  schedule.delaysMinutes.forEach((minutes, i) => {
    if (!Number.isFinite(minutes) || minutes <= 0) throw new RangeError(`schedule.delaysMinutes.${i} must be a positive number of minutes, not ${minutes}`);
  });
}
