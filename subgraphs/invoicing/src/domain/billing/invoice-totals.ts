import { Decimal, roundMoney } from "@intersettle/shared";
import type { InvoiceLine } from "./invoice-line";
import type { SettlementTerms } from "./settlement-terms";

export interface UsedExchangeRate {
  from: string;
  to: string;
  rate: Decimal;
}

export interface InvoiceTotals {
  currency: string;
  /** Sum of the lines' nets, exactly. */
  net: Decimal;
  taxRatePercent: Decimal;
  tax: Decimal;
  /** net + tax, exactly. */
  gross: Decimal;
  /** Each distinct rate the lines were converted at, to print on the invoice. */
  exchangeRates: UsedExchangeRate[];
}

/**
 * Totals of an invoice or note made of `lines`. Tax is computed once on the invoice net and rounded by the
 * partner's rule, not per line: the tax shown is then the rate applied to the net shown, and per-line rounding
 * cannot add up to a cent the rate does not give.
 */
export function invoiceTotals(lines: readonly InvoiceLine[], terms: SettlementTerms): InvoiceTotals {
  const net = lines.reduce((sum, line) => {
    if (line.currency !== terms.currency) throw new RangeError(`line in ${line.currency} on an invoice in ${terms.currency}`);
    return sum.plus(line.net);
  }, new Decimal(0));
  const tax = roundMoney(net.times(terms.taxRatePercent).dividedBy(100), terms.rounding);
  const rates = new Map<string, UsedExchangeRate>();
  for (const line of lines) {
    if (!line.exchangeRate) continue;
    const used = { from: line.usage.currency, to: line.currency, rate: line.exchangeRate };
    rates.set(`${used.from}/${used.to}/${used.rate.toFixed()}`, used);
  }
  return { currency: terms.currency, net, taxRatePercent: terms.taxRatePercent, tax, gross: net.plus(tax), exchangeRates: [...rates.values()] };
}
