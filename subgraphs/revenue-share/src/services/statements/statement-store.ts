import type { EntityManager } from "typeorm";
import { Decimal, newId, type Period } from "@intersettle/shared";
import type { PeriodUsage, StatementLine, StatementTotal } from "../../domain";
import { Statement, StatementStatus, type ContentPartner, type ContentService } from "../../entities";

/** A usage row of a statement: its own period's (late: false) or what arrived for an earlier period (late: true). */
export interface UsageRow {
  serviceId: string;
  period: Period;
  late: boolean;
  agreementId: string;
  usage: PeriodUsage;
}

export function newStatement(partner: ContentPartner, period: Period, total: StatementTotal): Statement {
  const now = new Date();
  return Object.assign(new Statement(), {
    id: newId(),
    partnerId: partner.id,
    currency: total.currency,
    periodStart: period.start,
    periodEnd: period.end,
    firstDate: period.firstDate,
    lastDate: period.lastDate,
    timezone: partner.timezone,
    status: StatementStatus.DRAFT,
    number: null,
    gross: total.gross,
    deductions: total.deductions,
    net: total.net,
    share: total.share,
    minimumGuaranteeTopUp: total.minimumGuaranteeTopUp,
    capAdjustment: total.capAdjustment,
    adjustments: total.adjustments,
    payable: total.payable,
    publishedAt: null,
    settledAt: null,
    settlementReference: null,
    disputedAt: null,
    disputeReason: null,
    createdAt: now,
    updatedAt: now,
  });
}

const text = (d: Decimal | null) => d?.toFixed() ?? null;

/**
 * Stores a statement's lines in one statement of column arrays: a partner with many services has many lines, and
 * TypeORM's multi-row insert binds each value as its own parameter.
 */
export async function insertLines(manager: EntityManager, statementId: string, lines: StatementLine[], services: Map<string, ContentService>): Promise<void> {
  if (lines.length === 0) return;
  const col = <T>(value: (line: StatementLine, i: number) => T) => lines.map(value);
  await manager.query(
    `INSERT INTO revshare.statement_line (id, statement_id, position, service_id, service_code, service_name, kind, party_role, deduction, model, tier, basis,
       tier_from, transactions, base, rate, adjusted_first_date, adjusted_last_date, amount, description)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::int[], $12::text[],
       $13::numeric[], $14::bigint[], $15::numeric[], $16::numeric[], $17::date[], $18::date[], $19::numeric[], $20::text[])`,
    [
      col(() => newId()), col(() => statementId), col((_, i) => i + 1), col((l) => l.serviceId), col((l) => services.get(l.serviceId)!.code), col((l) => services.get(l.serviceId)!.name),
      col((l) => l.kind), col((l) => l.partyRole), col((l) => l.deduction), col((l) => l.model), col((l) => l.tier), col((l) => l.basis),
      col((l) => text(l.tierFrom)), col((l) => l.transactions), col((l) => text(l.base)), col((l) => text(l.rate)), col((l) => l.adjustedFirstDate), col((l) => l.adjustedLastDate),
      col((l) => l.amount.toFixed()), col((l) => l.description),
    ],
  );
}

export async function insertUsage(manager: EntityManager, statementId: string, rows: UsageRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(value: (row: UsageRow) => T) => rows.map(value);
  await manager.query(
    `INSERT INTO revshare.statement_usage (statement_id, service_id, period_start, period_end, first_date, last_date, late, agreement_id, currency,
       transactions, gross, tax, refunds, chargebacks, bad_debt)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::timestamptz[], $5::date[], $6::date[], $7::boolean[], $8::uuid[], $9::char(3)[],
       $10::bigint[], $11::numeric[], $12::numeric[], $13::numeric[], $14::numeric[], $15::numeric[])`,
    [
      col(() => statementId), col((r) => r.serviceId), col((r) => r.period.start), col((r) => r.period.end), col((r) => r.period.firstDate), col((r) => r.period.lastDate),
      col((r) => r.late), col((r) => r.agreementId), col((r) => r.usage.currency), col((r) => r.usage.transactions), col((r) => r.usage.gross.toFixed()),
      col((r) => r.usage.tax.toFixed()), col((r) => r.usage.refunds.toFixed()), col((r) => r.usage.chargebacks.toFixed()), col((r) => r.usage.badDebt.toFixed()),
    ],
  );
}
