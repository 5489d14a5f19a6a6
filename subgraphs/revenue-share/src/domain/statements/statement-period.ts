import { closedPeriodsToBill, cyclePeriodContaining, type BillingCycle, type CycleState, type Period } from "@intersettle/shared";

/** How a partner's statements are cut: its billing cycle in its timezone, the same periods its invoices use. */
export interface StatementSchedule {
  cycle: BillingCycle;
  timezone: string;
}

/** The statement period that contains `instant` (a transaction's time, say). */
export function statementPeriodContaining(schedule: StatementSchedule, instant: Date): Period {
  return cyclePeriodContaining(schedule.cycle, instant, schedule.timezone);
}

/**
 * The periods closed by `now` that have no statement yet, oldest first (`billedThrough` is the end of the last one
 * stated): a statement run that was down catches up on each missed period, once.
 */
export function statementPeriodsDue(state: CycleState, now: Date): Period[] {
  return closedPeriodsToBill(state, now);
}
