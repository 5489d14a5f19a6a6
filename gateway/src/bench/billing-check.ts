import type { Client } from "pg";
import { currencyMinorUnits, Decimal, roundMoney, RoundingMode } from "@intersettle/shared";
import { localMonth, USD_RATES, type BenchPartner } from "./billing-traffic";

/** One group of the bare aggregate: a partner's calls of one service, destination and rate. */
export interface UsageGroup {
  partner_id: string;
  calls: number;
  seconds: string;
  amount: string;
  exact: string;
}

export interface BilledDocument {
  partner_id: string;
  side: string;
  currency: string;
  net: string;
  gross: string;
  lines: number;
}

export interface Reconciliation {
  documents: number;
  lines: number;
  /** Groups of the aggregate: one invoice line each. */
  groups: number;
  /** Partners with rated usage, and how many of them were billed exactly what it comes to. */
  partners: number;
  matching: number;
  billed: string;
  rated: string;
}

const LEGS = {
  CUSTOMER: { partner: "customer_id", prefix: "customer_prefix", rate: "customer_rate", version: "customer_version", currency: "revenue_currency", amount: "revenue", exact: "revenue_exact" },
  VENDOR: { partner: "vendor_id", prefix: "vendor_prefix", rate: "vendor_rate", version: "vendor_version", currency: "cost_currency", amount: "cost", exact: "cost_exact" },
} as const;

/**
 * The baseline: one leg's rated calls of the month summed by partner, service, destination, prefix and rate in a
 * single GROUP BY over rated_cdr — what an invoice holds, without billing periods, currencies or documents. The
 * month spans every partner's local November; every bench call lies inside its partners' own, so the rows are the
 * ones the billing run bills.
 */
export async function usageAggregate(db: Client, role: keyof typeof LEGS, partners: BenchPartner[]): Promise<UsageGroup[]> {
  const leg = LEGS[role];
  const months = partners.map((p) => localMonth(p.timezone));
  const from = new Date(Math.min(...months.map((m) => m.start.getTime())));
  const to = new Date(Math.max(...months.map((m) => m.end.getTime())));
  const { rows } = await db.query<UsageGroup>(
    `SELECT ${leg.partner} AS partner_id, service, destination, ${leg.prefix}, ${leg.rate}, ${leg.version}, ${leg.currency},
            count(*)::int AS calls, sum(duration)::text AS seconds, sum(${leg.amount})::text AS amount, sum(${leg.exact})::text AS exact
       FROM rating.rated_cdr
      WHERE start_time >= $1 AND start_time < $2 AND status = 'RATED' AND billable AND ${leg.partner} IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    [from, to],
  );
  return rows;
}

/**
 * Each partner's billed net against its rated usage: every group converted from USD into the invoice currency and
 * rounded once by the partner's rule (per-CDR amounts, or the exact sum per line), then summed.
 */
export function billedAgainstRated(documents: BilledDocument[], usage: UsageGroup[], partnerOf: (id: string) => BenchPartner): Reconciliation {
  const expected = new Map<string, Decimal>();
  for (const group of usage) {
    const p = partnerOf(group.partner_id);
    const basis = new Decimal(p.rounding.scope === "PER_CDR" ? group.amount : group.exact);
    const rule = { decimals: Math.min(p.rounding.decimals, currencyMinorUnits(p.currency)), mode: p.rounding.mode as RoundingMode };
    const net = roundMoney(basis.times(USD_RATES[p.currency] ?? 1), rule);
    expected.set(group.partner_id, (expected.get(group.partner_id) ?? new Decimal(0)).plus(net));
  }
  const billed = new Map(documents.map((d) => [d.partner_id, new Decimal(d.net)]));
  const ids = new Set([...expected.keys(), ...billed.keys()]);
  const matching = [...ids].filter((id) => expected.has(id) && billed.get(id)?.eq(expected.get(id)!)).length;
  const byCurrency = (amounts: Map<string, Decimal>) => {
    const totals = new Map<string, Decimal>();
    for (const [id, amount] of amounts) totals.set(partnerOf(id).currency, (totals.get(partnerOf(id).currency) ?? new Decimal(0)).plus(amount));
    return [...totals].sort().map(([currency, total]) => `${currency} ${total.toFixed(2)}`).join(" + ");
  };
  return {
    documents: documents.length,
    lines: documents.reduce((sum, d) => sum + d.lines, 0),
    groups: usage.length,
    partners: ids.size,
    matching,
    billed: byCurrency(billed),
    rated: byCurrency(expected),
  };
}
