import { Column, Entity, PrimaryColumn } from "typeorm";
import { OperatorsOnly } from "@intersettle/shared";

/**
 * A partner as revenue share needs it — identity, types, currency, clock and cycle — kept current from the `partners`
 * topic, with the statement scheduler's progress: the end of the last period its statements were run for.
 */
@OperatorsOnly()
@Entity({ schema: "revshare", name: "partner" })
export class ContentPartner {
  @PrimaryColumn("uuid") id: string;
  @Column("text") code: string;
  @Column("text", { name: "legal_name" }) legalName: string;
  @Column("text", { array: true }) types: string[];
  @Column("char", { length: 3 }) currency: string;
  @Column("text") timezone: string;
  @Column("text", { name: "billing_cycle" }) billingCycle: string;
  @Column("text") status: string;
  /** When the partner first appeared: its first statement period is the one holding this instant. */
  @Column("timestamptz", { name: "statement_start" }) statementStart: Date;
  /** End of the last period a scheduled run covered (exclusive); null before the first. */
  @Column("timestamptz", { name: "statements_through", nullable: true }) statementsThrough: Date | null;
}
