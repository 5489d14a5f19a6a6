import { Decimal } from "@intersettle/shared";
import type { InvoiceSide } from "../billing/invoice-side";
import type { OpenInvoice } from "./open-invoice";
import { SIDE_PAID, type PaymentToAllocate } from "./payment-allocation";

/** One side of a partner's account in one currency: what is open on its invoices, less the credit not yet applied. */
export interface AccountBalance {
  side: InvoiceSide;
  currency: string;
  openInvoices: Decimal;
  unappliedCredit: Decimal;
  /** openInvoices − unappliedCredit: for RECEIVABLE what the partner still owes us, for PAYABLE what we still owe it; negative when the payer is ahead. */
  balance: Decimal;
}

/**
 * A partner's balances from its open invoices and the unapplied balances of its payments: a line per side and
 * currency that has either, sorted by side then currency. Credit is kept apart from the invoices it has not been
 * applied to, so the account shows both rather than a silently netted figure.
 */
export function accountBalances(invoices: Array<Pick<OpenInvoice, "side" | "currency" | "openAmount">>, payments: Array<Pick<PaymentToAllocate, "direction" | "currency" | "unapplied">>): AccountBalance[] {
  const lines = new Map<string, AccountBalance>();
  const line = (side: InvoiceSide, currency: string) => {
    const key = `${side}/${currency}`;
    let found = lines.get(key);
    if (!found) {
      found = { side, currency, openInvoices: new Decimal(0), unappliedCredit: new Decimal(0), balance: new Decimal(0) };
      lines.set(key, found);
    }
    return found;
  };
  for (const invoice of invoices) {
    if (invoice.openAmount.isZero()) continue;
    const target = line(invoice.side, invoice.currency);
    target.openInvoices = target.openInvoices.plus(invoice.openAmount);
  }
  for (const payment of payments) {
    if (payment.unapplied.isZero()) continue;
    const target = line(SIDE_PAID[payment.direction], payment.currency);
    target.unappliedCredit = target.unappliedCredit.plus(payment.unapplied);
  }
  const sorted = [...lines.values()].sort((a, b) => compare(a.side, b.side) || compare(a.currency, b.currency));
  for (const l of sorted) l.balance = l.openInvoices.minus(l.unappliedCredit);
  return sorted;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
