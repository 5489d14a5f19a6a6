import type { Decimal } from "@intersettle/shared";
import type { PartyRole } from "../agreements/content-service";
import type { ShareModel, TierBasis } from "../agreements/agreement-terms";

export enum DeductionKind {
  TAX = "TAX",
  REFUNDS = "REFUNDS",
  CHARGEBACKS = "CHARGEBACKS",
  BAD_DEBT = "BAD_DEBT",
  PLATFORM_FEE = "PLATFORM_FEE",
  TRANSACTION_FEE = "TRANSACTION_FEE",
}

export interface DeductionLine {
  kind: DeductionKind;
  /** The percent of gross or the fee per transaction it was computed with; null for amounts taken from the usage. */
  rate: Decimal | null;
  /** In minor units. */
  amount: Decimal;
}

/** One part of a party's rule share: the whole rule, or one tier of it. */
export interface ShareLine {
  model: ShareModel;
  /** 1 for the first tier; null outside tiered rules. */
  tier: number | null;
  basis: TierBasis | null;
  /** Where the tier starts; null outside tiered rules. */
  tierFrom: Decimal | null;
  /** Transactions the line covers (a VOLUME tier's slice, or all of them); null for REVENUE tiers. */
  transactions: number | null;
  /** The revenue the rate applies to, shown to the minor unit (the amount is computed on the exact base). */
  base: Decimal;
  /** A percent, or for FIXED_PER_TRANSACTION the fee. */
  rate: Decimal;
  /** In minor units; a party's lines sum to its rule share. */
  amount: Decimal;
}

/** One earlier period re-settled with its late refunds and chargebacks: what this party is owed less what it was stated. */
export interface AdjustmentLine {
  firstDate: string;
  lastDate: string;
  /** The share stated for that period so far. */
  stated: Decimal;
  /** That period's share with the late items. */
  owed: Decimal;
  /** owed − stated. */
  amount: Decimal;
}

export interface PartyShare {
  partyRole: PartyRole;
  partnerId: string | null;
  lines: ShareLine[];
  /** What the rule gives, in minor units: the sum of `lines`. */
  ruleShare: Decimal;
  /** Plus the top-up a partner receives to reach its guarantee; for the operator, minus the top-ups it funds. */
  minimumGuaranteeTopUp: Decimal;
  /** Minus the excess a capped partner gives up; for the operator, plus the excesses it receives. */
  capAdjustment: Decimal;
  capApplied: boolean;
  /** ruleShare + minimumGuaranteeTopUp + capAdjustment; the parties' shares sum exactly to net. */
  share: Decimal;
  /** The share before rounding to minor units, for audit (20 decimals). */
  exactShare: Decimal;
  adjustments: AdjustmentLine[];
  /** share + the adjustments' amounts. */
  payable: Decimal;
}

export interface PeriodSettlement {
  currency: string;
  /** The agreement version applied. */
  version: number;
  transactions: number;
  gross: Decimal;
  deductions: DeductionLine[];
  /** gross − the deductions, in minor units. */
  net: Decimal;
  /** In waterfall order; then any party found only in adjustments. */
  shares: PartyShare[];
}
