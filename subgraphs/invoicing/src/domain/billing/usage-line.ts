import type { Decimal } from "@intersettle/shared";

/** What a usage line's quantity counts: billed seconds of calls, or units (messages, sessions). */
export enum UsageUnit {
  SECOND = "SECOND",
  UNIT = "UNIT",
}

/**
 * A partner's rated usage of one destination and service at one rate in a period, as the rating subgraph reports
 * it. On an adjustment line the same shape carries the change since the period was invoiced, so it may be negative.
 */
export interface UsageLine {
  service: string;
  destination: string;
  prefix: string;
  rate: Decimal;
  rateVersion: number;
  /** ISO 4217 currency the usage was rated in. */
  currency: string;
  calls: number;
  unit: UsageUnit;
  /** Billed seconds or units, a whole number. */
  quantity: number;
  /** Sum of the per-CDR rounded amounts. */
  amount: Decimal;
  /** Sum of the exact, unrounded amounts. */
  exactAmount: Decimal;
}

/** Identity of a usage line: two lines with the same key are the same thing billed, so their amounts add up. */
export function usageKey(u: UsageLine): string {
  // toFixed normalises "0.0100" and "0.01" to one rate.
  return JSON.stringify([u.service, u.destination, u.prefix, u.rate.toFixed(), u.rateVersion, u.currency, u.unit]);
}

/** The same usage line with its counts and amounts combined by `sign` (1 adds `b`, -1 takes it away). */
function combine(a: UsageLine, b: UsageLine, sign: 1 | -1): UsageLine {
  return {
    ...a,
    calls: a.calls + sign * b.calls,
    quantity: a.quantity + sign * b.quantity,
    amount: a.amount.plus(b.amount.times(sign)),
    exactAmount: a.exactAmount.plus(b.exactAmount.times(sign)),
  };
}

export function addUsage(a: UsageLine, b: UsageLine): UsageLine {
  return combine(a, b, 1);
}

/** What changed from `before` to `after` (same key). */
export function usageChange(after: UsageLine, before: UsageLine): UsageLine {
  return combine(after, before, -1);
}

/** The line with nothing on it: the usage of a key that has none (re-rated away, or never seen). */
export function noUsageLike(u: UsageLine): UsageLine {
  return { ...u, calls: 0, quantity: 0, amount: u.amount.times(0), exactAmount: u.exactAmount.times(0) };
}

export function isNoUsage(u: UsageLine): boolean {
  return u.calls === 0 && u.quantity === 0 && u.amount.isZero() && u.exactAmount.isZero();
}

/** A problem with a line reported by rating, or undefined: counts are whole and not negative, amounts finite. */
export function usageLineProblem(u: UsageLine): string | undefined {
  if (!Number.isSafeInteger(u.calls) || u.calls < 0) return `calls must be a whole number, not ${u.calls}`;
  if (!Number.isSafeInteger(u.quantity) || u.quantity < 0) return `quantity must be a whole number, not ${u.quantity}`;
  if (!u.amount.isFinite() || !u.exactAmount.isFinite()) return "amounts must be finite";
  return undefined;
}
