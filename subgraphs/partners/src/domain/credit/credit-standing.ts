import { Decimal } from "@intersettle/shared";
import { CreditMode } from "../partner-profile";

/** A partner's credit terms: the most it may owe (`limit`) and the share of it that raises a warning. */
export interface CreditTerms {
  mode: CreditMode;
  limit: Decimal;
  warningPercent: number;
}

export enum CreditStanding {
  /** A POSTPAID limit of 0 sets no limit: exposure is tracked, nothing is warned or blocked. */
  NO_LIMIT = "NO_LIMIT",
  WITHIN_LIMIT = "WITHIN_LIMIT",
  /** At or above the warning threshold, below the limit. */
  WARNING = "WARNING",
  /** At or above the limit: the partner is blocked (unless an operator's or a fraud block already holds it). */
  LIMIT_REACHED = "LIMIT_REACHED",
}

/**
 * Whether credit control acts on these terms. A PREPAID limit is the overdraft allowed below a zero balance, so 0
 * is a real limit there (block when the balance is spent); a POSTPAID partner with limit 0 has no limit set.
 */
export function isControlled(terms: CreditTerms): boolean {
  return terms.mode === CreditMode.PREPAID || terms.limit.greaterThan(0);
}

export function warningThreshold(terms: CreditTerms): Decimal {
  return terms.limit.times(terms.warningPercent).dividedBy(100);
}

export function standingOf(exposure: Decimal, terms: CreditTerms): CreditStanding {
  if (!isControlled(terms)) return CreditStanding.NO_LIMIT;
  if (exposure.greaterThanOrEqualTo(terms.limit)) return CreditStanding.LIMIT_REACHED;
  if (exposure.greaterThanOrEqualTo(warningThreshold(terms))) return CreditStanding.WARNING;
  return CreditStanding.WITHIN_LIMIT;
}

/** What may still be spent before the limit; null without a limit. Negative once over it. */
export function availableCredit(exposure: Decimal, terms: CreditTerms): Decimal | null {
  return isControlled(terms) ? terms.limit.minus(exposure) : null;
}

/** Whether the standing is at or past the warning threshold (a warning is raised once per crossing into it). */
export function isWarned(standing: CreditStanding): boolean {
  return standing === CreditStanding.WARNING || standing === CreditStanding.LIMIT_REACHED;
}
