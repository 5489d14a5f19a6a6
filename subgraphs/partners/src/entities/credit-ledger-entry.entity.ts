import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { Decimal, DecimalScalar, numericColumn, PartnerOwned } from "@intersettle/shared";
import { CreditLedgerKind, CreditMode, CreditStanding, PartnerStatus } from "./enums";

const decimal = { transformer: numericColumn };

/** One event that moved a partner's credit account, with the figures' changes and where they left it. */
@ObjectType({ description: "One event that moved a partner's credit account: what it was, how the figures moved, and where it left the exposure and status." })
@PartnerOwned({ by: ["partnerId"] })
@Entity({ schema: "partners", name: "credit_ledger_entry" })
export class CreditLedgerEntry {
  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: "bigint" })
  id: string;

  @Field(() => ID)
  @Column("uuid", { name: "partner_id" })
  partnerId: string;

  @Field({ description: "Event log position of the event that made this entry (e.g. a traffic.batch or payment.received)." })
  @Column("bigint", { unique: true })
  position: string;

  @Field({ description: "e.g. traffic.batch, invoice.issued, payment.received, fraud.alert_raised, partner.updated" })
  @Column("text", { name: "event_type" })
  eventType: string;

  @Field(() => CreditLedgerKind)
  @Column("text")
  kind: CreditLedgerKind;

  @Field(() => String, { nullable: true, description: "Ingestion job, document number, payment reference or fraud alert." })
  @Column("text", { nullable: true })
  reference: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: "The event's own amount, in `amountCurrency`: usage, document gross or payment." })
  @Column("numeric", { nullable: true, ...decimal })
  amount: Decimal | null;

  @Field(() => String, { nullable: true })
  @Column("char", { name: "amount_currency", length: 3, nullable: true })
  amountCurrency: string | null;

  @Field({ description: "Currency of the figures below (the partner's)." })
  @Column("char", { length: 3 })
  currency: string;

  @Field(() => DecimalScalar) @Column("numeric", { name: "unbilled_change", ...decimal }) unbilledChange: Decimal;
  @Field(() => DecimalScalar) @Column("numeric", { name: "invoiced_change", ...decimal }) invoicedChange: Decimal;
  @Field(() => DecimalScalar) @Column("numeric", { name: "paid_change", ...decimal }) paidChange: Decimal;
  @Field(() => DecimalScalar) @Column("numeric", { name: "usage_change", ...decimal }) usageChange: Decimal;
  @Field(() => DecimalScalar) @Column("numeric", { name: "adjustments_change", ...decimal }) adjustmentsChange: Decimal;

  @Field(() => DecimalScalar) @Column("numeric", { name: "exposure_before", ...decimal }) exposureBefore: Decimal;
  @Field(() => DecimalScalar) @Column("numeric", { name: "exposure_after", ...decimal }) exposureAfter: Decimal;

  @Field(() => CreditMode) @Column("text") mode: CreditMode;
  @Field(() => DecimalScalar) @Column("numeric", { name: "credit_limit", ...decimal }) limit: Decimal;
  @Field(() => Int) @Column("int", { name: "warning_percent" }) warningPercent: number;
  @Field(() => CreditStanding) @Column("text") standing: CreditStanding;

  @Field(() => PartnerStatus, { description: "The partner's status after the entry." })
  @Column("text", { name: "partner_status" })
  partnerStatus: PartnerStatus;

  @Field(() => String, { nullable: true, description: "Why: a status change's reason, or why an amount was not counted." })
  @Column("text", { nullable: true })
  note: string | null;

  @Field({ description: "When the event was appended." })
  @Column("timestamptz", { name: "occurred_at" })
  occurredAt: Date;

  @Field()
  @Column("timestamptz", { name: "recorded_at", default: () => "now()" })
  recordedAt: Date;
}
