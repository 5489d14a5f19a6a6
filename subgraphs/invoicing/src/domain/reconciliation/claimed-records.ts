import type Decimal from "decimal.js";

/**
 * One leg of one of our rated calls, as reconciliation compares it: the SELL leg against a customer's claim
 * (RECEIVABLE), the BUY leg against a vendor's (PAYABLE). Amount in the leg's currency, exact as rated.
 */
export interface OurCall {
  callId: string;
  start: Date;
  aNumber: string;
  bNumber: string;
  /** Seconds. */
  duration: number;
  destination: string | null;
  amount: Decimal;
  currency: string;
}

/** One call as the partner's CDR file claims it. `line` is the file's line; `callId` null when the file has none. */
export interface TheirCall {
  line: number;
  callId: string | null;
  start: Date;
  aNumber: string;
  bNumber: string;
  duration: number;
  /** What the partner charges for it, when its file says. */
  amount: Decimal | null;
}

/** One summary line of a partner's invoice, as written (minutes and amount in the claim's currency). */
export interface ClaimedLine {
  line: number;
  destination: string;
  calls: number;
  minutes: Decimal;
  rate: Decimal | null;
  amount: Decimal;
  currency: string;
}

/**
 * How one call compares. MISSING_OURS: the partner claims a call we have no record of. MISSING_THEIRS: we have a call
 * the partner's file lacks.
 */
export type CallComparison = "MATCHED" | "DURATION_MISMATCH" | "RATE_MISMATCH" | "MISSING_OURS" | "MISSING_THEIRS";

/** A partner claim is an invoice (summary lines) or a CDR file (calls). */
export type ClaimKind = "INVOICE" | "CDRS";
