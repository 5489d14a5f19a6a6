import { Decimal, roundMoney, type Period } from "@intersettle/shared";
import { requireExchangeRate, type ExchangeRateLookup } from "./exchange-rate";
import { InvoiceLineKind, type InvoiceLine } from "./invoice-line";
import type { InvoiceSide } from "./invoice-side";
import { RoundingScope, type SettlementTerms } from "./settlement-terms";
import { addUsage, isNoUsage, noUsageLike, usageChange, usageKey, usageLineProblem, type UsageLine } from "./usage-line";

export interface BillingRunInput {
  terms: SettlementTerms;
  side: InvoiceSide;
  period: Period;
  /** The side's usage in the period as rating reports it now. */
  usage: readonly UsageLine[];
  exchangeRate: ExchangeRateLookup;
  /** Lines already issued or drafted for the partner; those of another side or period are ignored. */
  invoiced: readonly InvoiceLine[];
  /**
   * True when an earlier run invoiced this period, even with no lines (a period without usage), so that usage
   * arriving now is an adjustment. Defaults to whether `invoiced` holds lines of this side and period.
   */
  periodInvoiced?: boolean;
}

/** What one usage key has been billed so far: its usage, its usage in the invoice currency unrounded, its nets. */
interface Billed {
  usage: UsageLine;
  converted: Decimal;
  net: Decimal;
}

/**
 * The invoice lines a billing run adds for a partner, side and period: the difference between what the usage
 * says should be billed and what the lines already hold, one line per usage key that changed.
 *
 * A key's nets always add up to its whole usage converted and rounded once (the sum of per-CDR rounded amounts
 * under PER_CDR, the exact amount under PER_INVOICE_LINE): each new line's net is that rounded total less the nets
 * already billed, so late usage and re-rating are billed exactly once and rounding never drifts across corrections.
 * Usage already invoiced stays at the exchange rate recorded on its line; only the change takes today's rate.
 * Re-running with the result added to `invoiced` returns nothing.
 */
export function invoiceLinesToAdd(input: BillingRunInput): InvoiceLine[] {
  const { terms, side, period } = input;
  const ofPeriod = input.invoiced.filter((l) => l.side === side && samePeriod(l.period, period));
  const kind = (input.periodInvoiced ?? ofPeriod.length > 0) ? InvoiceLineKind.ADJUSTMENT : InvoiceLineKind.USAGE;

  const now = new Map<string, UsageLine>();
  for (const u of input.usage) {
    const problem = usageLineProblem(u);
    if (problem) throw new RangeError(`usage ${u.destination} (${u.prefix}): ${problem}`);
    const key = usageKey(u);
    const seen = now.get(key);
    now.set(key, seen ? addUsage(seen, u) : u);
  }

  const billed = new Map<string, Billed>();
  for (const line of ofPeriod) {
    // Nets in two currencies cannot be netted against each other; the service must credit and re-bill instead.
    if (line.currency !== terms.currency) throw new RangeError(`period already invoiced in ${line.currency}, not ${terms.currency}`);
    const key = usageKey(line.usage);
    const converted = basis(line.usage, terms).times(line.exchangeRate ?? 1);
    const seen = billed.get(key);
    billed.set(key, seen
      ? { usage: addUsage(seen.usage, line.usage), converted: seen.converted.plus(converted), net: seen.net.plus(line.net) }
      : { usage: line.usage, converted, net: line.net });
  }

  const lines: InvoiceLine[] = [];
  for (const key of [...new Set([...now.keys(), ...billed.keys()])].sort()) {
    const before = billed.get(key);
    const after = now.get(key) ?? noUsageLike(before!.usage);
    const change = before ? usageChange(after, before.usage) : after;
    if (isNoUsage(change)) continue;
    const exchangeRate = change.currency === terms.currency ? null : requireExchangeRate(input.exchangeRate, change.currency, terms.currency);
    const converted = (before?.converted ?? new Decimal(0)).plus(basis(change, terms).times(exchangeRate ?? 1));
    const net = roundMoney(converted, terms.rounding).minus(before?.net ?? 0);
    lines.push({ side, period, kind, usage: change, currency: terms.currency, exchangeRate, net });
  }
  return lines;
}

/** The usage amount the partner's rounding stage bills: per-CDR rounded, or exact to be rounded on the line. */
function basis(u: UsageLine, terms: SettlementTerms): Decimal {
  return terms.rounding.scope === RoundingScope.PER_CDR ? u.amount : u.exactAmount;
}

function samePeriod(a: Period, b: Period): boolean {
  return a.start.getTime() === b.start.getTime() && a.end.getTime() === b.end.getTime();
}
