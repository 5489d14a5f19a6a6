import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn, VersionColumn } from "typeorm";
import { Decimal, DecimalScalar, numericColumn, PartnerOwned } from "@intersettle/shared";
import { DocumentKind, InvoiceSide, InvoiceStatus } from "../enums";

@ObjectType({ description: "1 `from` = `rate` `to`: a rate the invoice's lines were converted at." })
export class UsedExchangeRateType {
  @Field() from: string;
  @Field() to: string;
  @Field(() => DecimalScalar) rate: Decimal;
}

/** Exchange rates are kept as exact strings in jsonb. */
const exchangeRatesColumn = {
  to: (rates: UsedExchangeRateType[] | undefined) => rates?.map((r) => ({ from: r.from, to: r.to, rate: new Decimal(r.rate).toFixed() })),
  from: (rows: Array<{ from: string; to: string; rate: string }> | null) => (rows ?? []).map((r) => ({ from: r.from, to: r.to, rate: new Decimal(r.rate) })),
};

@Directive('@key(fields: "id")')
@ObjectType({ description: "An invoice, debit note or credit note between us and one partner, in the partner's currency." })
@PartnerOwned({ by: ["partnerId"] })
@Entity({ schema: "invoicing", name: "invoice" })
export class Invoice {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Field(() => ID) @Column("uuid", { name: "partner_id" }) partnerId: string;
  @Field(() => InvoiceSide) @Column("text") side: InvoiceSide;
  @Field(() => DocumentKind) @Column("text") kind: DocumentKind;
  @Field(() => InvoiceStatus) @Column("text") status: InvoiceStatus;
  @Field(() => String, { nullable: true, description: "Gapless per series and year, given at issue, e.g. INV-2026-000042." })
  @Column("text", { nullable: true })
  number: string | null;
  @Field({ description: "Start of the billed period (UTC instant of the partner's local midnight)." }) @Column("timestamptz", { name: "period_start" }) periodStart: Date;
  @Field({ description: "End of the billed period, exclusive." }) @Column("timestamptz", { name: "period_end" }) periodEnd: Date;
  @Field({ description: "IANA timezone the period and dates are in." }) @Column("text") timezone: string;
  @Field({ description: "ISO 4217." }) @Column("char", { length: 3 }) currency: string;
  @Field(() => DecimalScalar, { description: "Sum of the lines' nets." }) @Column("numeric", { transformer: numericColumn }) net: Decimal;
  @Field(() => DecimalScalar) @Column("numeric", { name: "tax_rate_percent", transformer: numericColumn }) taxRatePercent: Decimal;
  @Field(() => DecimalScalar) @Column("numeric", { transformer: numericColumn }) tax: Decimal;
  @Field(() => DecimalScalar, { description: "net + tax." }) @Column("numeric", { transformer: numericColumn }) gross: Decimal;
  @Field(() => DecimalScalar, { description: "What payments and credit notes have settled so far." })
  @Column("numeric", { name: "settled_amount", transformer: numericColumn })
  settledAmount: Decimal;
  @Field(() => [UsedExchangeRateType]) @Column("jsonb", { name: "exchange_rates", transformer: exchangeRatesColumn }) exchangeRates: UsedExchangeRateType[];
  @Field(() => ID, { nullable: true, description: "The issued invoice a note corrects." }) @Column("uuid", { name: "corrects_id", nullable: true }) correctsId: string | null;
  @Field(() => String, { nullable: true, description: "Why a note was raised." }) @Column("text", { nullable: true }) reason: string | null;
  @Field(() => Date, { nullable: true }) @Column("timestamptz", { name: "approved_at", nullable: true }) approvedAt: Date | null;
  @Field(() => Date, { nullable: true }) @Column("timestamptz", { name: "issued_at", nullable: true }) issuedAt: Date | null;
  @Field(() => String, { nullable: true, description: "Local issue date (YYYY-MM-DD) in the partner's timezone." }) @Column("date", { name: "issue_date", nullable: true }) issueDate: string | null;
  @Field(() => String, { nullable: true, description: "Local due date (YYYY-MM-DD); overdue from the day after." }) @Column("date", { name: "due_date", nullable: true }) dueDate: string | null;
  @Field() @Column("timestamptz", { name: "created_at" }) createdAt: Date;
  @Field() @VersionColumn() version: number;
}
