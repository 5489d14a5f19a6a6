import { Decimal } from "@intersettle/shared";
import { DisputeResolution } from "./dispute-lifecycle";

/** A dispute's two figures: ours (what we billed or were billed, from our calls) and the partner's claim. */
export interface DisputedFigures {
  ourAmount: Decimal;
  theirAmount: Decimal;
}

/** The amount in dispute: how far apart the two figures are. */
export function disputedAmount(figures: DisputedFigures): Decimal {
  return figures.theirAmount.minus(figures.ourAmount).abs();
}

/**
 * The amount that stands once resolved: ours when ACCEPTED, theirs when REJECTED, the agreed amount when PARTIAL, which
 * must lie between the two figures (inclusive) — an agreement outside them is not a compromise but a new claim.
 */
export function settledAmount(figures: DisputedFigures, resolution: DisputeResolution, agreedAmount: Decimal | null): { amount: Decimal } | { problem: string } {
  if (resolution === DisputeResolution.ACCEPTED) return { amount: figures.ourAmount };
  if (resolution === DisputeResolution.REJECTED) return { amount: figures.theirAmount };
  if (!agreedAmount || !agreedAmount.isFinite()) return { problem: "a PARTIAL resolution needs the agreed amount" };
  const low = Decimal.min(figures.ourAmount, figures.theirAmount);
  const high = Decimal.max(figures.ourAmount, figures.theirAmount);
  if (agreedAmount.lt(low) || agreedAmount.gt(high)) return { problem: `must lie between ${low.toFixed()} and ${high.toFixed()}` };
  return { amount: agreedAmount };
}

/**
 * The correction closing a dispute books on the invoice of its period, which billed our figure: the settled amount
 * less ours, to `decimals`. Below zero a credit note (on a RECEIVABLE the partner owes less; on a PAYABLE we owe less),
 * above zero a debit note, zero none. The same rule serves both sides because each invoice carries our figure.
 */
export function settlementNote(ourAmount: Decimal, settled: Decimal, decimals: number): { kind: "CREDIT_NOTE" | "DEBIT_NOTE"; net: Decimal } | null {
  const difference = settled.minus(ourAmount).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  if (difference.isZero()) return null;
  return difference.isNegative() ? { kind: "CREDIT_NOTE", net: difference.negated() } : { kind: "DEBIT_NOTE", net: difference };
}

/**
 * How a resolved dispute splits its disputed amount: `recovered` where our figure stood (in our favour), `writtenOff`
 * where we gave way to the partner's. The two always add up to the disputed amount.
 */
export function disputeOutcome(figures: DisputedFigures, settled: Decimal): { recovered: Decimal; writtenOff: Decimal } {
  return { recovered: settled.minus(figures.theirAmount).abs(), writtenOff: settled.minus(figures.ourAmount).abs() };
}
