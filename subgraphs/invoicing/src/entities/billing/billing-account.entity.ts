import { OperatorsOnly } from "@intersettle/shared";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { Decimal, numericColumn } from "@intersettle/shared";

/**
 * Invoicing's copy of what it needs to know about each partner — terms, cycle, timezone, billing contacts — kept
 * current from the `partners` topic, with the scheduler's progress: the end of the last period billed per side.
 */
@OperatorsOnly()
@Entity({ schema: "invoicing", name: "billing_account" })
export class BillingAccount {
  @PrimaryColumn("uuid", { name: "partner_id" })
  partnerId: string;

  @Column("text") code: string;
  @Column("text", { name: "legal_name" }) legalName: string;
  @Column("text", { array: true }) roles: string[];
  @Column("char", { length: 3 }) currency: string;
  @Column("text") timezone: string;
  @Column("text", { name: "billing_cycle" }) billingCycle: string;
  @Column("int", { name: "payment_terms_days" }) paymentTermsDays: number;
  @Column("numeric", { name: "tax_rate_percent", transformer: numericColumn }) taxRatePercent: Decimal;
  @Column("int", { name: "rounding_decimals" }) roundingDecimals: number;
  @Column("text", { name: "rounding_mode" }) roundingMode: string;
  @Column("text", { name: "rounding_scope" }) roundingScope: string;
  @Column("text", { name: "billing_emails", array: true }) billingEmails: string[];
  @Column("text") status: string;

  /** When the partner first appeared: its first period is the one containing this instant. */
  @Column("timestamptz", { name: "billing_start" }) billingStart: Date;

  /** End of the last period billed (exclusive), per side; null before the first run. */
  @Column("timestamptz", { name: "receivable_billed_through", nullable: true }) receivableBilledThrough: Date | null;
  @Column("timestamptz", { name: "payable_billed_through", nullable: true }) payableBilledThrough: Date | null;
}
