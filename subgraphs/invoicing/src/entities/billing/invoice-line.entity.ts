import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { Decimal, DecimalScalar, numericColumn, ReadThrough } from "@intersettle/shared";
import { InvoiceLineKind, UsageUnit } from "../enums";

@ObjectType("InvoiceLine", { description: "Usage of one destination and service at one rate, or its change since an earlier invoice." })
@ReadThrough("Invoice")
@Entity({ schema: "invoicing", name: "invoice_line" })
export class InvoiceLineEntity {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Column("uuid", { name: "invoice_id" }) invoiceId: string;
  @Field(() => Int) @Column("int") position: number;
  @Field(() => InvoiceLineKind) @Column("text") kind: InvoiceLineKind;
  @Field({ description: "Start of the period the usage belongs to: for an adjustment, an earlier period." }) @Column("timestamptz", { name: "period_start" }) periodStart: Date;
  @Field() @Column("timestamptz", { name: "period_end" }) periodEnd: Date;
  @Field() @Column("text") service: string;
  @Field() @Column("text") destination: string;
  @Field() @Column("text") prefix: string;
  @Field(() => DecimalScalar, { description: "Price per unit, in the usage currency." }) @Column("numeric", { transformer: numericColumn }) rate: Decimal;
  @Field(() => Int) @Column("int", { name: "rate_version" }) rateVersion: number;
  @Field({ description: "Currency the usage was rated in." }) @Column("char", { length: 3, name: "usage_currency" }) usageCurrency: string;
  @Field(() => Int) @Column("int") calls: number;
  @Field(() => UsageUnit) @Column("text") unit: UsageUnit;
  @Field(() => String, { description: "Billed seconds or units (a whole number; negative on an adjustment that takes usage away)." })
  @Column("bigint", { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  quantity: number;
  @Field(() => DecimalScalar, { description: "Sum of the per-CDR rounded amounts, usage currency." }) @Column("numeric", { transformer: numericColumn }) amount: Decimal;
  @Field(() => DecimalScalar, { description: "Sum of the exact amounts, usage currency." }) @Column("numeric", { name: "exact_amount", transformer: numericColumn }) exactAmount: Decimal;
  @Field({ description: "Invoice currency." }) @Column("char", { length: 3 }) currency: string;
  @Field(() => DecimalScalar, { nullable: true, description: "1 usage currency = this many invoice currency; null when the same." })
  @Column("numeric", { name: "exchange_rate", nullable: true, transformer: numericColumn })
  exchangeRate: Decimal | null;
  @Field(() => DecimalScalar, { description: "In the invoice currency, rounded by the partner's rule." }) @Column("numeric", { transformer: numericColumn }) net: Decimal;
}
