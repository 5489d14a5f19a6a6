import { Decimal } from "@intersettle/shared";

/**
 * A content service's usage in one period, in the agreement's currency. Amounts are tax-inclusive as charged; refunds
 * and chargebacks are counted in the period of the transaction they reverse. As a late delta (see LateUsage) the same
 * shape carries only what arrived since, so any field may be zero.
 */
export interface PeriodUsage {
  currency: string;
  /** Charged transactions: the VOLUME tiers and per-transaction fees count these. */
  transactions: number;
  /** What subscribers were charged. */
  gross: Decimal;
  /** Tax in `gross`, less the tax given back with refunds and chargebacks. */
  tax: Decimal;
  refunds: Decimal;
  chargebacks: Decimal;
  /** Charged amounts that will not be collected. */
  badDebt: Decimal;
}

export function noUsage(currency: string): PeriodUsage {
  const zero = new Decimal(0);
  return { currency, transactions: 0, gross: zero, tax: zero, refunds: zero, chargebacks: zero, badDebt: zero };
}

export function addUsage(a: PeriodUsage, b: PeriodUsage): PeriodUsage {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
  return {
    currency: a.currency,
    transactions: a.transactions + b.transactions,
    gross: a.gross.plus(b.gross),
    tax: a.tax.plus(b.tax),
    refunds: a.refunds.plus(b.refunds),
    chargebacks: a.chargebacks.plus(b.chargebacks),
    badDebt: a.badDebt.plus(b.badDebt),
  };
}

/** Amounts in two currencies never meet: a statement is in its agreement's currency. */
export class CurrencyMismatchError extends Error {
  constructor(readonly expected: string, readonly actual: string) {
    super(`amounts in ${actual} cannot be settled in ${expected}`);
    this.name = "CurrencyMismatchError";
  }
}
