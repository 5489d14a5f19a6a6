import type { EntityManager } from "typeorm";
import { Decimal, type Period } from "@intersettle/shared";
import type { PeriodUsage } from "../../domain";

/** An earlier period of one service as a partner's statements stated it: its own usage plus late items adjusted since. */
export interface StatedPeriod {
  serviceId: string;
  period: Period;
  /** The version that governed it (the one its own statement used). */
  agreementId: string;
  stated: PeriodUsage;
}

interface StatedRow {
  service_id: string;
  period_start: Date;
  period_end: Date;
  first_date: string;
  last_date: string;
  agreement_id: string;
  currency: string;
  transactions: string;
  gross: string;
  tax: string;
  refunds: string;
  chargebacks: string;
  bad_debt: string;
}

/**
 * The partner's earlier periods whose own statement is out of DRAFT (the latest `perService` of each service before
 * `before`), with what its statements stated for them. Late items already taken up by a draft count as stated too, so
 * two drafts never both adjust for the same refund.
 */
export async function statedPeriods(manager: EntityManager, partnerId: string, serviceIds: string[], before: Date, perService: number): Promise<StatedPeriod[]> {
  if (perService === 0 || serviceIds.length === 0) return [];
  const rows: StatedRow[] = await manager.query(
    `SELECT * FROM (
       SELECT u.service_id, u.period_start, u.period_end, u.first_date::text AS first_date, u.last_date::text AS last_date, u.currency,
              (array_agg(u.agreement_id) FILTER (WHERE NOT u.late))[1] AS agreement_id,
              sum(u.transactions)::text AS transactions, sum(u.gross)::text AS gross, sum(u.tax)::text AS tax, sum(u.refunds)::text AS refunds,
              sum(u.chargebacks)::text AS chargebacks, sum(u.bad_debt)::text AS bad_debt,
              row_number() OVER (PARTITION BY u.service_id ORDER BY u.period_start DESC) AS recency
         FROM revshare.statement_usage u JOIN revshare.statement s ON s.id = u.statement_id
        WHERE s.partner_id = $1 AND u.service_id = ANY($2) AND u.period_start < $3
        GROUP BY u.service_id, u.period_start, u.period_end, u.first_date, u.last_date, u.currency
       HAVING bool_or(NOT u.late AND s.status <> 'DRAFT')) stated
      WHERE recency <= $4`,
    [partnerId, serviceIds, before, perService],
  );
  return rows.map((r) => ({
    serviceId: r.service_id,
    period: { start: r.period_start, end: r.period_end, firstDate: r.first_date, lastDate: r.last_date },
    agreementId: r.agreement_id,
    stated: {
      currency: r.currency,
      transactions: Number(r.transactions),
      gross: new Decimal(r.gross),
      tax: new Decimal(r.tax),
      refunds: new Decimal(r.refunds),
      chargebacks: new Decimal(r.chargebacks),
      badDebt: new Decimal(r.bad_debt),
    },
  }));
}

/** What usage gained since it was stated (today's less the stated); null when nothing changed. */
export function usageSince(today: PeriodUsage, stated: PeriodUsage): PeriodUsage | null {
  const delta: PeriodUsage = {
    currency: stated.currency,
    transactions: today.transactions - stated.transactions,
    gross: today.gross.minus(stated.gross),
    tax: today.tax.minus(stated.tax),
    refunds: today.refunds.minus(stated.refunds),
    chargebacks: today.chargebacks.minus(stated.chargebacks),
    badDebt: today.badDebt.minus(stated.badDebt),
  };
  return isNoUsage(delta) ? null : delta;
}

export function isNoUsage(u: PeriodUsage): boolean {
  return u.transactions === 0 && [u.gross, u.tax, u.refunds, u.chargebacks, u.badDebt].every((d) => d.isZero());
}
