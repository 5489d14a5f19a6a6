import { periodContaining, periodsBetween, PeriodUnit, type Period } from "./periods";

/** A partner's billing cycle, as the partners subgraph names it; invoices and revenue-share statements follow it. */
export type BillingCycle = "DAILY" | "WEEKLY" | "SEMI_MONTHLY" | "MONTHLY";

const UNITS: Record<BillingCycle, PeriodUnit> = {
  DAILY: PeriodUnit.DAY,
  WEEKLY: PeriodUnit.WEEK,
  SEMI_MONTHLY: PeriodUnit.HALF_MONTH,
  MONTHLY: PeriodUnit.MONTH,
};

export interface CycleState {
  cycle: BillingCycle;
  /** The partner's IANA timezone: its periods close at its local midnight. */
  timezone: string;
  /** End of the last period billed (exclusive), or undefined before the first run. */
  billedThrough?: Date;
  /** Where billing starts for a partner never billed: the start of its first period. */
  billingStart: Date;
}

/**
 * The periods of a partner's cycle that have closed by `now` and are not billed yet, oldest first: a scheduler that
 * was down for a while bills every period it missed, in order, and never one twice (each starts where the last
 * billed one ended). Periods are whole cycles in the partner's timezone, so DST days of 23 or 25 hours are kept.
 */
export function closedPeriodsToBill(state: CycleState, now: Date): Period[] {
  const unit = UNITS[state.cycle];
  const from = state.billedThrough ?? periodContaining(state.billingStart, unit, state.timezone).start;
  const openNow = periodContaining(now, unit, state.timezone);
  if (from >= openNow.start) return [];
  return periodsBetween(from, openNow.start, unit, state.timezone);
}

/** The period of a partner's cycle that contains `instant`, in its timezone. */
export function cyclePeriodContaining(cycle: BillingCycle, instant: Date, timezone: string): Period {
  return periodContaining(instant, UNITS[cycle], timezone);
}
