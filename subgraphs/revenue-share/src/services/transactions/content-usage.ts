import type { DataSource } from "typeorm";
import { Decimal, type Period } from "@intersettle/shared";
import { addUsage, type PeriodUsage } from "../../domain";
import type { UsageSource } from "../statements/usage-source";

interface UsageRow {
  service_id: string;
  currency: string;
  transactions: number;
  gross: string;
  tax: string;
  refunds: string;
  chargebacks: string;
  bad_debt: string;
}

/**
 * Content usage as statement runs read it, summed in SQL over the period's partitions: per service, its CHARGED
 * transactions (count, gross, tax, bad debt) that occurred in the period, and the REFUNDED and CHARGEBACK ones whose
 * original occurred in it, wherever they fall themselves (their tax is given back). A service without any is absent.
 */
export class ContentUsage implements UsageSource {
  constructor(private readonly dataSource: DataSource) {}

  async usage(serviceIds: string[], period: Pick<Period, "start" | "end">): Promise<Map<string, PeriodUsage>> {
    if (serviceIds.length === 0) return new Map();
    return usageOf(await this.dataSource.query(usageSql(true, ""), [serviceIds, period.start, period.end]));
  }

  /**
   * The refunds and chargebacks of the period's transactions that themselves occurred at or after `since` (the
   * period's end, or a statement's cut-off): what reached a period after it was stated. Charges are not counted.
   */
  async lateReversals(serviceIds: string[], period: Pick<Period, "start" | "end">, since: Date): Promise<Map<string, PeriodUsage>> {
    if (serviceIds.length === 0) return new Map();
    return usageOf(await this.dataSource.query(usageSql(false, "AND occurred_at >= $4"), [serviceIds, period.start, period.end, since]));
  }
}

/** Charges by their own time, reversals by their original's (the partial index content_transaction_reversals finds them). */
function usageSql(charges: boolean, reversalsAlso: string): string {
  const columns = "service_id, currency, status, gross, tax, bad_debt";
  const charged = `SELECT ${columns} FROM revshare.content_transaction
     WHERE service_id = ANY($1) AND occurred_at >= $2 AND occurred_at < $3 AND status = 'CHARGED'`;
  const reversed = `SELECT ${columns} FROM revshare.content_transaction
     WHERE service_id = ANY($1) AND original_occurred_at >= $2 AND original_occurred_at < $3 ${reversalsAlso}`;
  return `SELECT service_id, currency,
       count(*) FILTER (WHERE status = 'CHARGED')::int AS transactions,
       coalesce(sum(gross) FILTER (WHERE status = 'CHARGED'), 0)::text AS gross,
       coalesce(sum(CASE WHEN status = 'CHARGED' THEN tax ELSE -tax END), 0)::text AS tax,
       coalesce(sum(gross) FILTER (WHERE status = 'REFUNDED'), 0)::text AS refunds,
       coalesce(sum(gross) FILTER (WHERE status = 'CHARGEBACK'), 0)::text AS chargebacks,
       coalesce(sum(gross) FILTER (WHERE status = 'CHARGED' AND bad_debt), 0)::text AS bad_debt
     FROM (${charges ? `${charged} UNION ALL ` : ""}${reversed}) t
    GROUP BY service_id, currency`;
}

/** Rows per service and currency as usage per service; a service in two currencies is refused by addUsage. */
function usageOf(rows: UsageRow[]): Map<string, PeriodUsage> {
  const usage = new Map<string, PeriodUsage>();
  for (const r of rows) {
    const row: PeriodUsage = {
      currency: r.currency, transactions: r.transactions, gross: new Decimal(r.gross), tax: new Decimal(r.tax),
      refunds: new Decimal(r.refunds), chargebacks: new Decimal(r.chargebacks), badDebt: new Decimal(r.bad_debt),
    };
    const before = usage.get(r.service_id);
    usage.set(r.service_id, before ? addUsage(before, row) : row);
  }
  return usage;
}
