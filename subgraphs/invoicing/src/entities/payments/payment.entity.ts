import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { Decimal, DecimalScalar, numericColumn, PartnerOwned } from "@intersettle/shared";
import { PaymentDirection } from "../enums";

@Directive('@key(fields: "id")')
@ObjectType({ description: "Money received from a partner or paid to it, and what of it is not yet applied to invoices." })
@PartnerOwned({ by: ["partnerId"] })
@Entity({ schema: "invoicing", name: "payment" })
export class Payment {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Field(() => ID) @Column("uuid", { name: "partner_id" }) partnerId: string;
  @Field(() => PaymentDirection) @Column("text") direction: PaymentDirection;
  @Field() @Column("char", { length: 3 }) currency: string;
  @Field(() => DecimalScalar) @Column("numeric", { transformer: numericColumn }) amount: Decimal;
  @Field(() => DecimalScalar, { description: "Credit left on the account, applied to the next invoices." }) @Column("numeric", { transformer: numericColumn }) unapplied: Decimal;
  @Field({ description: "When the money moved." }) @Column("timestamptz", { name: "paid_at" }) paidAt: Date;
  @Field({ description: "Bank or remittance reference; unique per partner and direction, so a payment is not recorded twice." }) @Column("text") reference: string;
  @Field() @Column("timestamptz", { name: "recorded_at" }) recordedAt: Date;
}

@ObjectType("PaymentAllocation", { description: "This much of a payment (or of a credit note) settles this invoice." })
@PartnerOwned({ by: ["partnerId"] })
@Entity({ schema: "invoicing", name: "payment_allocation" })
export class PaymentAllocationEntity {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Field(() => ID) @Column("uuid", { name: "partner_id" }) partnerId: string;
  @Field(() => ID, { nullable: true }) @Column("uuid", { name: "payment_id", nullable: true }) paymentId: string | null;
  @Field(() => ID, { nullable: true, description: "A credit note applied to the invoice, instead of a payment." }) @Column("uuid", { name: "credit_note_id", nullable: true }) creditNoteId: string | null;
  @Field(() => ID) @Column("uuid", { name: "invoice_id" }) invoiceId: string;
  @Field(() => DecimalScalar) @Column("numeric", { transformer: numericColumn }) amount: Decimal;
  @Field() @Column("char", { length: 3 }) currency: string;
  @Field() @Column("timestamptz", { name: "allocated_at" }) allocatedAt: Date;
}
