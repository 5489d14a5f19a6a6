import type { EntityManager } from "typeorm";
import { Decimal, type EventRecord, type NewEvent, type Principal } from "@intersettle/shared";
import { CreditExposure, CreditLedgerEntry, PartnerStatus, type Partner } from "../../entities";
import {
  applyMovement,
  availableCredit,
  CreditLedgerKind,
  exposureOf,
  FIGURES,
  money,
  NO_FIGURES,
  reviewCredit,
  warningThreshold,
  type CreditFigures,
  type CreditMovement,
  type CreditReview,
  type CreditTerms,
  type StatusChange,
} from "../../domain/credit";
import { appendNow, changePartnerStatus, PRODUCER, type Publish } from "../partner-changes";

/** The actor of credit control's own blocks and unblocks in the audit trail. */
export const CREDIT_CONTROL: Principal = { kind: "service", service: "credit-control" };

export function termsOf(partner: Partner): CreditTerms {
  return { mode: partner.creditMode, limit: partner.creditLimit, warningPercent: partner.creditWarningPercent };
}

export function figuresOf(exposure: CreditExposure | null): CreditFigures {
  if (!exposure) return NO_FIGURES;
  return { unbilled: exposure.unbilled, invoiced: exposure.invoiced, paid: exposure.paid, usage: exposure.usage, adjustments: exposure.adjustments };
}

/** What happened to an account, for settle() to apply and record. */
export interface AccountEntry {
  /** Log position of the event behind the entry; absent when the status change's own `partners` event is it. */
  position?: string;
  eventType: string;
  occurredAt: Date;
  kind: CreditLedgerKind;
  reference?: string | null;
  amount?: Decimal | null;
  amountCurrency?: string | null;
  note?: string | null;
  movement?: CreditMovement;
  /** What moved the account, as an automatic unblock's reason names it: "payment WIRE-7". */
  after: string;
  /** A status change an operator or a fraud alert decided (none: leave the status); absent, credit control decides. */
  decided?: { change?: StatusChange };
}

/**
 * Partners' credit accounts: every movement, terms change and block goes through settle(), on rows locked partner
 * first, then its credit row, so the figures, the ledger, the status and the events change together or not at all.
 */
export class CreditAccounts {
  /** The partner's credit row, created on first use and locked; the caller holds the partner's row lock already. */
  async lockExposure(manager: EntityManager, partner: Partner): Promise<CreditExposure> {
    await manager.query(`INSERT INTO partners.credit_exposure (partner_id, currency) VALUES ($1, $2) ON CONFLICT (partner_id) DO NOTHING`, [partner.id, partner.currency]);
    return manager.findOneOrFail(CreditExposure, { where: { partnerId: partner.id }, lock: { mode: "pessimistic_write" } });
  }

  termsDiffer(before: Record<string, unknown>, partner: Partner): boolean {
    const credit = before.credit as { mode: string; limit: string; warningPercent: number };
    return credit.mode !== partner.creditMode || !partner.creditLimit.equals(credit.limit) || credit.warningPercent !== partner.creditWarningPercent || before.currency !== partner.currency;
  }

  /** Reviews an account under terms an operator just changed (`event`: the partner.updated event of the change). */
  async termsChanged(manager: EntityManager, principal: Principal, partner: Partner, event: EventRecord): Promise<void> {
    const exposure = await this.lockExposure(manager, partner);
    const terms = `${partner.creditMode}, limit ${money(partner.creditLimit, partner.currency)}, warning at ${partner.creditWarningPercent}%`;
    await this.settle(manager, principal, partner, exposure, { position: event.position, eventType: event.type, occurredAt: event.occurredAt, kind: CreditLedgerKind.TERMS_CHANGED, note: terms, after: `the credit terms changed to ${terms}` });
  }

  /**
   * Applies an entry to a locked account: moves the figures (unless the amount is in another currency), decides the
   * status (credit control's rules, or the decision given), saves, writes the ledger entry and publishes `credit` events.
   */
  async settle(manager: EntityManager, principal: Principal, partner: Partner, exposure: CreditExposure, entry: AccountEntry, publish: Publish = appendNow(manager)): Promise<CreditLedgerEntry> {
    const terms = termsOf(partner);
    const before = figuresOf(exposure);
    // An account with nothing on it follows the partner's currency; one with figures keeps the currency they are in.
    if (FIGURES.every((f) => before[f].isZero())) exposure.currency = partner.currency;
    let moved = { figures: before, changes: NO_FIGURES };
    let note = entry.note ?? null;
    if (entry.movement && entry.amountCurrency && entry.amountCurrency !== exposure.currency) {
      note = [note, `not counted: the amount is in ${entry.amountCurrency}, the account in ${exposure.currency}`].filter(Boolean).join("; ");
    } else if (entry.movement) {
      moved = applyMovement(before, entry.movement);
    }
    const exposureBefore = exposureOf(before, terms.mode);
    const exposureAfter = exposureOf(moved.figures, terms.mode);
    const statusBefore = { status: partner.status, blockCause: partner.blockCause };
    const review = reviewCredit({ exposure: exposureAfter, terms, currency: exposure.currency }, statusBefore, exposure.warningRaised, entry.after);
    const change = entry.decided ? entry.decided.change : review.change;

    const statusEvent = change ? await changePartnerStatus(manager, entry.decided ? principal : CREDIT_CONTROL, partner, change, publish) : undefined;
    const position = entry.position ?? statusEvent?.position;
    if (!position) throw new Error(`credit entry ${entry.kind} for partner ${partner.id} has no event position`);
    Object.assign(exposure, moved.figures, { warningRaised: review.warned, lastPosition: position });
    await manager.save(exposure);
    const ledger = manager.create(CreditLedgerEntry, {
      partnerId: partner.id,
      position,
      eventType: entry.eventType,
      kind: entry.kind,
      reference: entry.reference ?? null,
      amount: entry.amount ?? null,
      amountCurrency: entry.amountCurrency ?? null,
      currency: exposure.currency,
      unbilledChange: moved.changes.unbilled,
      invoicedChange: moved.changes.invoiced,
      paidChange: moved.changes.paid,
      usageChange: moved.changes.usage,
      adjustmentsChange: moved.changes.adjustments,
      exposureBefore,
      exposureAfter,
      mode: terms.mode,
      limit: terms.limit,
      warningPercent: terms.warningPercent,
      standing: review.standing,
      partnerStatus: partner.status,
      note: [note, change?.reason].filter(Boolean).join("; ") || null,
      occurredAt: entry.occurredAt,
    });
    await manager.insert(CreditLedgerEntry, ledger);
    for (const event of creditEvents(ledger, partner, review, statusBefore.status, change, entry)) await publish(event);
    return ledger;
  }
}

export interface CreditEventPayload {
  partnerId: string;
  mode: string;
  limit: string;
  warningPercent: number;
  exposure: string;
  /** Null when no limit is set. */
  available: string | null;
  currency: string;
  /** The partner's status after the event. */
  status: string;
  blockCause: string | null;
  standing: string;
  reason: string | null;
  /** The ledger entry's position: the event that moved the account. */
  ledgerPosition: string;
}

/** The `credit` events one ledger entry makes: exposure or terms changed, a warning, a block or an unblock. */
function creditEvents(ledger: CreditLedgerEntry, partner: Partner, review: CreditReview, statusBefore: PartnerStatus, change: StatusChange | undefined, entry: AccountEntry): NewEvent<CreditEventPayload>[] {
  const available = availableCredit(ledger.exposureAfter, termsOf(partner));
  const event = (type: string, reason: string | null): NewEvent<CreditEventPayload> => ({
    topic: "credit",
    type,
    key: partner.id,
    producer: PRODUCER,
    payload: {
      partnerId: partner.id,
      mode: ledger.mode,
      limit: ledger.limit.toFixed(),
      warningPercent: ledger.warningPercent,
      exposure: ledger.exposureAfter.toFixed(),
      available: available?.toFixed() ?? null,
      currency: ledger.currency,
      status: partner.status,
      blockCause: partner.blockCause,
      standing: review.standing,
      reason,
      ledgerPosition: ledger.position,
    },
  });
  const events: NewEvent<CreditEventPayload>[] = [];
  const moved = [ledger.unbilledChange, ledger.invoicedChange, ledger.paidChange, ledger.usageChange, ledger.adjustmentsChange].some((c) => !c.isZero());
  if (moved) events.push(event("credit.exposure_changed", `after ${entry.after}`));
  if (entry.kind === CreditLedgerKind.TERMS_CHANGED) events.push(event("credit.terms_changed", entry.note ?? null));
  if (review.warn) {
    const threshold = warningThreshold(termsOf(partner));
    events.push(event("credit.warning", `Exposure ${money(ledger.exposureAfter, ledger.currency)} reached the warning threshold of ${money(threshold, ledger.currency)} (${ledger.warningPercent}% of the limit ${money(ledger.limit, ledger.currency)})`));
  }
  if (change?.status === PartnerStatus.BLOCKED) events.push(event("credit.blocked", change.reason));
  if (change?.status === PartnerStatus.ACTIVE && statusBefore === PartnerStatus.BLOCKED) events.push(event("credit.unblocked", change.reason));
  return events;
}
