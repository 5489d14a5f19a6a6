import type { Decimal } from "@intersettle/shared";
import { PartnerStatus } from "../partner-profile";
import { CreditStanding, isWarned, standingOf, type CreditTerms } from "./credit-standing";

/**
 * Who holds a BLOCKED partner. Credit control lifts only its own block: a block an operator or a fraud alert set
 * stays until an operator lifts it.
 */
export enum BlockCause {
  CREDIT = "CREDIT",
  FRAUD = "FRAUD",
  OPERATOR = "OPERATOR",
}

export interface AccountStatus {
  status: PartnerStatus;
  /** Set while BLOCKED; a block from before causes were kept counts as an operator's. */
  blockCause: BlockCause | null;
}

export interface StatusChange {
  status: PartnerStatus;
  blockCause: BlockCause | null;
  reason: string;
}

export interface CreditReview {
  standing: CreditStanding;
  /** The exposure crossed the warning threshold with this movement. */
  warn: boolean;
  /** Past the threshold now; kept, so the next batch above it does not warn again. */
  warned: boolean;
  change?: StatusChange;
}

export interface CreditPosition {
  exposure: Decimal;
  terms: CreditTerms;
  currency: string;
}

/** An amount as reasons print it: exact, with its currency. */
export function money(amount: Decimal, currency: string): string {
  return `${amount.toFixed()} ${currency}`;
}

export function causeOf(account: AccountStatus): BlockCause | null {
  if (account.status !== PartnerStatus.BLOCKED) return null;
  return account.blockCause ?? BlockCause.OPERATOR;
}

export function creditBlockReason(p: CreditPosition): string {
  return `Credit limit reached: exposure ${money(p.exposure, p.currency)} is at or above the limit of ${money(p.terms.limit, p.currency)}`;
}

/**
 * What credit control does after the exposure or the terms moved (`after` says what moved them, for the reason):
 * warn once per crossing of the threshold, block an ACTIVE partner at the limit, and lift its own block once
 * back under. SUSPENDED and TERMINATED partners, and blocks held by others, are left as they are.
 */
export function reviewCredit(position: CreditPosition, account: AccountStatus, wasWarned: boolean, after: string): CreditReview {
  const standing = standingOf(position.exposure, position.terms);
  const warned = isWarned(standing);
  const review: CreditReview = { standing, warn: warned && !wasWarned, warned };
  if (standing === CreditStanding.LIMIT_REACHED && account.status === PartnerStatus.ACTIVE) {
    review.change = { status: PartnerStatus.BLOCKED, blockCause: BlockCause.CREDIT, reason: creditBlockReason(position) };
  } else if (standing !== CreditStanding.LIMIT_REACHED && causeOf(account) === BlockCause.CREDIT) {
    const under = standing === CreditStanding.NO_LIMIT ? "no credit limit is set" : `exposure ${money(position.exposure, position.currency)} is below the limit of ${money(position.terms.limit, position.currency)}`;
    review.change = { status: PartnerStatus.ACTIVE, blockCause: null, reason: `Credit block lifted after ${after}: ${under}` };
  }
  return review;
}

/** A fraud alert that asks for it blocks the partner, over a credit block too (an operator must look at it). */
export function fraudBlock(account: AccountStatus, alert: { alertId: string; rule: string; summary: string }): StatusChange | undefined {
  const cause = causeOf(account);
  if (account.status !== PartnerStatus.ACTIVE && cause !== BlockCause.CREDIT) return undefined;
  return { status: PartnerStatus.BLOCKED, blockCause: BlockCause.FRAUD, reason: `Fraud alert ${alert.alertId} (${alert.rule}): ${alert.summary}`.slice(0, 2000) };
}

export type OperatorDecision = { ok: true; change: StatusChange } | { ok: false; message: string };

/** An operator's block: from ACTIVE, or over any other block (it then holds until an operator lifts it). */
export function operatorBlock(account: AccountStatus, reason: string): OperatorDecision {
  if (account.status !== PartnerStatus.ACTIVE && account.status !== PartnerStatus.BLOCKED) {
    return { ok: false, message: `The partner is ${account.status}; only an ACTIVE or BLOCKED partner can be blocked` };
  }
  return { ok: true, change: { status: PartnerStatus.BLOCKED, blockCause: BlockCause.OPERATOR, reason } };
}

/**
 * An operator lifts an operator's or a fraud block. Still at the credit limit, the partner stays BLOCKED, now for
 * credit, so that a payment, a credit note or a higher limit lifts it; a credit block alone is not the operator's to lift.
 */
export function operatorUnblock(account: AccountStatus, position: CreditPosition, reason: string): OperatorDecision {
  const cause = causeOf(account);
  if (cause === null) return { ok: false, message: `The partner is ${account.status}, not BLOCKED` };
  const atLimit = standingOf(position.exposure, position.terms) === CreditStanding.LIMIT_REACHED;
  if (atLimit && cause === BlockCause.CREDIT) {
    return { ok: false, message: `${creditBlockReason(position)}; a payment, a credit note or a higher limit lifts this block` };
  }
  if (atLimit) return { ok: true, change: { status: PartnerStatus.BLOCKED, blockCause: BlockCause.CREDIT, reason: `${creditBlockReason(position)} (${cause.toLowerCase()} block lifted: ${reason})` } };
  return { ok: true, change: { status: PartnerStatus.ACTIVE, blockCause: null, reason } };
}
