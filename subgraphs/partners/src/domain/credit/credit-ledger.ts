import type { MovementKind } from "./credit-figures";

/** What a credit ledger entry records: a movement of the figures, or something else that changed the account. */
export enum CreditLedgerKind {
  USAGE = "USAGE",
  INVOICE = "INVOICE",
  DEBIT_NOTE = "DEBIT_NOTE",
  CREDIT_NOTE = "CREDIT_NOTE",
  VOID = "VOID",
  PAYMENT = "PAYMENT",
  /** Limit, mode or warning threshold changed (updatePartner). */
  TERMS_CHANGED = "TERMS_CHANGED",
  FRAUD_ALERT = "FRAUD_ALERT",
  OPERATOR_BLOCK = "OPERATOR_BLOCK",
  OPERATOR_UNBLOCK = "OPERATOR_UNBLOCK",
}

export function ledgerKindOf(kind: MovementKind): CreditLedgerKind {
  return CreditLedgerKind[kind];
}
