import { Column, Entity, PrimaryColumn } from "typeorm";
import { Decimal, numericColumn, ReadThrough } from "@intersettle/shared";

const count = { to: (v: number) => v, from: (v: string) => Number(v) };

/**
 * The usage a statement stated for one service and period: its own period's, or (late) what arrived for an earlier
 * period since that was stated. A later run compares today's usage with the sum stated so far to find late items.
 */
@ReadThrough("Statement")
@Entity({ schema: "revshare", name: "statement_usage" })
export class StatementUsage {
  @PrimaryColumn("uuid", { name: "statement_id" }) statementId: string;
  @PrimaryColumn("uuid", { name: "service_id" }) serviceId: string;
  @PrimaryColumn("timestamptz", { name: "period_start" }) periodStart: Date;
  @Column("timestamptz", { name: "period_end" }) periodEnd: Date;
  @Column("date", { name: "first_date" }) firstDate: string;
  @Column("date", { name: "last_date" }) lastDate: string;
  @Column("boolean") late: boolean;
  @Column("uuid", { name: "agreement_id" }) agreementId: string;
  @Column("char", { length: 3 }) currency: string;
  @Column("bigint", { transformer: count }) transactions: number;
  @Column("numeric", { transformer: numericColumn }) gross: Decimal;
  @Column("numeric", { transformer: numericColumn }) tax: Decimal;
  @Column("numeric", { transformer: numericColumn }) refunds: Decimal;
  @Column("numeric", { transformer: numericColumn }) chargebacks: Decimal;
  @Column("numeric", { name: "bad_debt", transformer: numericColumn }) badDebt: Decimal;
}
