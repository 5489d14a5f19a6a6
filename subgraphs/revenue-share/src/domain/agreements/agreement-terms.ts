import type { Decimal } from "@intersettle/shared";
import type { PartyRole } from "./content-service";

export enum ShareModel {
  /** A percent of the step's base. */
  PERCENT = "PERCENT",
  /** Each slice of the measure at its own tier's percent: "the next 10k at 50%". */
  TIERED_MARGINAL = "TIERED_MARGINAL",
  /** The whole base at the percent of the highest tier reached: "60% of everything once at 10k". */
  TIERED_WHOLE = "TIERED_WHOLE",
  /** A fee per charged transaction, whatever the base. */
  FIXED_PER_TRANSACTION = "FIXED_PER_TRANSACTION",
  /** Whatever the steps before left: the last step's rule, and only its. */
  REMAINDER = "REMAINDER",
}

/** What tiers are measured on: the period's charged transactions, or the revenue the step divides (its base). */
export enum TierBasis {
  VOLUME = "VOLUME",
  REVENUE = "REVENUE",
}

/** A tier reached when the measure is at least `from` (transactions, or an amount in the agreement's currency). */
export interface ShareTier {
  from: Decimal;
  /** 0–100. */
  percent: Decimal;
}

export type ShareRule =
  | { model: ShareModel.PERCENT; percent: Decimal }
  | { model: ShareModel.TIERED_MARGINAL | ShareModel.TIERED_WHOLE; basis: TierBasis; tiers: ShareTier[] }
  | { model: ShareModel.FIXED_PER_TRANSACTION; fee: Decimal }
  | { model: ShareModel.REMAINDER };

export interface WaterfallStep {
  partyRole: PartyRole;
  /** The partner paid at this step; null for the operator. */
  partnerId: string | null;
  rule: ShareRule;
  /** Least this party is paid for a period, topped up from the operator's share. */
  minimumGuarantee: Decimal | null;
  /** Most this party is paid for a period; the excess goes back to the operator. */
  cap: Decimal | null;
}

/** What comes off gross revenue before anyone shares in it. */
export interface DeductionTerms {
  /** Deduct the tax in the usage (tax collected less tax given back). */
  tax: boolean;
  /** Deduct refunds; when off, the operator bears them alone. */
  refunds: boolean;
  /** Deduct chargebacks; when off, the operator bears them alone. */
  chargebacks: boolean;
  /** Deduct the actual bad debt reported with the usage. */
  badDebt: boolean;
  /** A bad-debt provision, percent of gross (0 for none); not together with `badDebt`. */
  badDebtPercent: Decimal;
  /** The billing platform's fee, percent of gross (0 for none). */
  platformFeePercent: Decimal;
  /** The billing platform's fee per charged transaction (0 for none). */
  platformFeePerTransaction: Decimal;
}

/**
 * One version of a revenue-share agreement for one content service. A version governs the periods that start while
 * it is in force (from `effectiveFrom` to `effectiveTo`, both local dates included, `effectiveTo` null for open-ended).
 */
export interface ShareAgreementTerms {
  version: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  /** ISO 4217; usage, guarantees, caps and fees are all in it. */
  currency: string;
  deductions: DeductionTerms;
  /** The operator first, then the partners in the order they take their share of what is left; the last takes the remainder. */
  waterfall: WaterfallStep[];
}
