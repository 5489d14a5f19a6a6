import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { Decimal, DecimalScalar, numericColumn, PartnerOwned } from "@intersettle/shared";
import { BillingRunTrigger, InvoiceSide } from "../enums";

@ObjectType({ description: "One billing run for a partner, side and period: what it found and where the lines went." })
@PartnerOwned({ by: ["partnerId"] })
@Entity({ schema: "invoicing", name: "billing_run" })
export class BillingRun {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Field(() => ID) @Column("uuid", { name: "partner_id" }) partnerId: string;
  @Field(() => InvoiceSide) @Column("text") side: InvoiceSide;
  @Field({ description: "Start of the billed period (the partner's local midnight, in UTC)." }) @Column("timestamptz", { name: "period_start" }) periodStart: Date;
  @Field({ description: "End of the billed period, exclusive." }) @Column("timestamptz", { name: "period_end" }) periodEnd: Date;
  @Field(() => BillingRunTrigger) @Column("text") trigger: BillingRunTrigger;
  @Field(() => ID, { nullable: true, description: "The draft invoice or note the lines went on; null when there was nothing to bill." })
  @Column("uuid", { name: "invoice_id", nullable: true })
  invoiceId: string | null;
  @Field(() => Int, { description: "Usage lines of the period billed for the first time." }) @Column("int", { name: "usage_lines" }) usageLines: number;
  @Field(() => Int, { description: "Adjustment lines: usage of already invoiced periods that changed since (late CDRs, re-rating)." })
  @Column("int", { name: "adjustment_lines" })
  adjustmentLines: number;
  @Field(() => DecimalScalar, { description: "Net of the adjustment lines, in the invoice currency." })
  @Column("numeric", { name: "adjustment_net", transformer: numericColumn })
  adjustmentNet: Decimal;
  @Field() @Column("timestamptz", { name: "ran_at" }) ranAt: Date;
}
