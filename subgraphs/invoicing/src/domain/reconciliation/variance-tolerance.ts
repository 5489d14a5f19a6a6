import { Decimal } from "@intersettle/shared";

/** The variance an agreement lets pass. Without an agreement both are 0: any variance is beyond tolerance. */
export interface AgreementTolerance {
  /** Percent of our amount (2.5 = 2.5 %). */
  tolerancePercent: Decimal;
  /** Absolute, in the reconciliation's currency. */
  toleranceAmount: Decimal;
}

export const NO_TOLERANCE: Readonly<AgreementTolerance> = Object.freeze({ tolerancePercent: new Decimal(0), toleranceAmount: new Decimal(0) });

/**
 * Whether a variance (their amount − ours) needs a dispute. It is accepted when |variance| ≤ toleranceAmount OR
 * |variance| ≤ tolerancePercent % of |our amount| — either limit suffices; equal to a limit is within it. A zero
 * variance is never beyond.
 */
export function beyondTolerance(variance: Decimal, ourAmount: Decimal, agreement: AgreementTolerance): boolean {
  const size = variance.abs();
  if (size.isZero()) return false;
  if (size.lessThanOrEqualTo(agreement.toleranceAmount)) return false;
  return size.greaterThan(ourAmount.abs().times(agreement.tolerancePercent).dividedBy(100));
}

/** The sentence a dispute carries: the variance and the limits it broke. */
export function varianceReason(variance: Decimal, ourAmount: Decimal, currency: string, agreement: AgreementTolerance): string {
  const percent = ourAmount.isZero() ? null : variance.abs().dividedBy(ourAmount.abs()).times(100).toDecimalPlaces(4);
  return (
    `variance ${variance.toFixed()} ${currency} on our ${ourAmount.toFixed()} ${currency}` +
    `${percent ? ` (${percent.toFixed()} %)` : ""} exceeds the agreement's tolerance of ` +
    `${agreement.toleranceAmount.toFixed()} ${currency} and ${agreement.tolerancePercent.toFixed()} %`
  );
}
