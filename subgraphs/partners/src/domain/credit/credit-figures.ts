import { Decimal } from "@intersettle/shared";
import { CreditMode } from "../partner-profile";

/**
 * A partner's credit exposure: what it owes us now, in its own currency, kept from events as they happen.
 *
 * Five running figures, each moved only by the events named here, so that an amount is never counted twice:
 * - `unbilled`: rated CUSTOMER usage not invoiced yet. Usage (traffic.batch) adds to it; issuing a receivable INVOICE
 *   moves the invoice's net out of it (never below zero: usage rated before credit control existed, or billed without
 *   a batch we saw, is simply not there to move). A voided invoice's usage comes back, since invoicing bills it again.
 * - `invoiced`: gross of issued receivable invoices and debit notes, less the gross of credit notes.
 * - `paid`: payments received. A payment counts once, when received; applying it to invoices later moves nothing.
 * - `usage`: all rated CUSTOMER usage (prepaid accounts are charged as they call, invoices or not).
 * - `adjustments`: debit notes less credit notes, at their net, for prepaid accounts.
 *
 * POSTPAID exposure = unbilled + invoiced − paid: unbilled usage plus issued unpaid documents, less payments not yet
 *   applied (paid counts applied and unapplied alike, and invoiced still holds the documents they settled).
 *   Issuing an invoice for usage already accrued raises it by the invoice's tax alone.
 * PREPAID exposure = usage + adjustments − paid: minus the prepaid balance (negative while the account is in credit).
 *   Invoices do not move it: the usage they bill was charged when rated.
 */
export interface CreditFigures {
  unbilled: Decimal;
  invoiced: Decimal;
  paid: Decimal;
  usage: Decimal;
  adjustments: Decimal;
}

export type FigureName = keyof CreditFigures;
export const FIGURES: readonly FigureName[] = ["unbilled", "invoiced", "paid", "usage", "adjustments"];

/** One event's effect on the figures, in the partner's currency. Notes carry their amounts as printed (positive). */
export type CreditMovement =
  | { kind: "USAGE"; amount: Decimal }
  | { kind: "INVOICE"; net: Decimal; gross: Decimal }
  | { kind: "DEBIT_NOTE"; net: Decimal; gross: Decimal }
  | { kind: "CREDIT_NOTE"; net: Decimal; gross: Decimal }
  /** An invoice voided (its whole-amount credit note was issued with it): its usage is unbilled again. */
  | { kind: "VOID"; net: Decimal }
  | { kind: "PAYMENT"; amount: Decimal };

export type MovementKind = CreditMovement["kind"];

export const NO_FIGURES: CreditFigures = Object.freeze({ unbilled: new Decimal(0), invoiced: new Decimal(0), paid: new Decimal(0), usage: new Decimal(0), adjustments: new Decimal(0) });

/** How much each figure moved. */
export type FigureChanges = CreditFigures;

/** The figures after a movement, and how each moved (what the credit ledger records). */
export function applyMovement(figures: CreditFigures, movement: CreditMovement): { figures: CreditFigures; changes: FigureChanges } {
  const changes: FigureChanges = { ...NO_FIGURES };
  switch (movement.kind) {
    case "USAGE":
      // A negative batch (a re-rating credit) lowers unbilled usage, but not below nothing.
      changes.unbilled = Decimal.max(movement.amount, figures.unbilled.negated());
      changes.usage = movement.amount;
      break;
    case "INVOICE":
      changes.unbilled = Decimal.min(Decimal.max(movement.net, 0), figures.unbilled).negated();
      changes.invoiced = movement.gross;
      break;
    case "DEBIT_NOTE":
      changes.invoiced = movement.gross;
      changes.adjustments = movement.net;
      break;
    case "CREDIT_NOTE":
      changes.invoiced = movement.gross.negated();
      changes.adjustments = movement.net.negated();
      break;
    case "VOID":
      // The void's credit note took the invoice off `invoiced` and, for prepaid, off `adjustments`: the usage stands.
      changes.unbilled = movement.net;
      changes.adjustments = movement.net;
      break;
    case "PAYMENT":
      changes.paid = movement.amount;
      break;
  }
  return { figures: addFigures(figures, changes), changes };
}

export function addFigures(a: CreditFigures, b: CreditFigures): CreditFigures {
  return { unbilled: a.unbilled.plus(b.unbilled), invoiced: a.invoiced.plus(b.invoiced), paid: a.paid.plus(b.paid), usage: a.usage.plus(b.usage), adjustments: a.adjustments.plus(b.adjustments) };
}

export function exposureOf(figures: CreditFigures, mode: CreditMode): Decimal {
  return mode === CreditMode.PREPAID ? figures.usage.plus(figures.adjustments).minus(figures.paid) : figures.unbilled.plus(figures.invoiced).minus(figures.paid);
}

/** Issued documents less payments: negative when payments exceed what was invoiced (credit on account). */
export function receivableOf(figures: CreditFigures): Decimal {
  return figures.invoiced.minus(figures.paid);
}

/** A prepaid account's balance: payments less what its usage and notes charged. */
export function prepaidBalanceOf(figures: CreditFigures): Decimal {
  return figures.paid.minus(figures.usage).minus(figures.adjustments);
}
