import type Decimal from "decimal.js";
import type { EntityManager } from "typeorm";
import type { Principal } from "@intersettle/shared";
import type { InvoiceSide } from "../../domain";

/** What claim ingestion calls once a claim's file is stored: compare it with our calls. */
export interface ClaimReconciler {
  reconcileClaim(principal: Principal, claimId: string): Promise<{ reconciliationId: string }>;
}

/** A reconciliation's variance, beyond or within tolerance. variance = theirAmount − ourAmount, in `currency`. */
export interface ReconciliationVariance {
  reconciliationId: string;
  claimId: string;
  partnerId: string;
  side: InvoiceSide;
  periodStart: Date;
  periodEnd: Date;
  currency: string;
  ourAmount: Decimal;
  theirAmount: Decimal;
  variance: Decimal;
  /** Calls not MATCHED (0 for an invoice claim compared by destination). */
  mismatchedCalls: number;
  /** Destinations whose totals differ. */
  mismatchedDestinations: number;
  /** One sentence for the dispute: which tolerance the variance broke. */
  reason: string;
}

/** What reconciliation calls, inside its closing transaction, for a variance beyond the agreement's tolerance. */
export interface VarianceDisputes {
  openForVariance(manager: EntityManager, principal: Principal, variance: ReconciliationVariance): Promise<{ disputeId: string }>;
}
