import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn, VersionColumn } from "typeorm";
import { Decimal, DecimalScalar, numericColumn, PartnerOwned } from "@intersettle/shared";
import { StatementStatus } from "../enums";

/**
 * What one partner earned from the content services it is party to, for one period of its cycle (in its timezone) and
 * one currency. Totals are the domain's sums of its lines; a DRAFT is rebuilt by each run, a PUBLISHED one never changes.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A partner's revenue-share statement for one period and currency: per service, gross, each deduction, net, its share and what it is paid." })
@PartnerOwned({ by: ["partnerId"] })
@Entity({ schema: "revshare", name: "statement" })
export class Statement {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Field(() => ID) @Column("uuid", { name: "partner_id" }) partnerId: string;
  @Field({ description: "ISO 4217: its services' agreements' currency." }) @Column("char", { length: 3 }) currency: string;
  @Field({ description: "Start of the period (the partner's local midnight, in UTC)." }) @Column("timestamptz", { name: "period_start" }) periodStart: Date;
  @Field({ description: "End of the period, exclusive." }) @Column("timestamptz", { name: "period_end" }) periodEnd: Date;
  @Field({ description: "First local date of the period (YYYY-MM-DD)." }) @Column("date", { name: "first_date" }) firstDate: string;
  @Field({ description: "Last local date of the period, included." }) @Column("date", { name: "last_date" }) lastDate: string;
  @Field({ description: "IANA timezone the period is cut in: the partner's." }) @Column("text") timezone: string;
  @Field(() => StatementStatus) @Column("text") status: StatementStatus;
  @Field(() => String, { nullable: true, description: "Gapless per year, given at publication, e.g. RSS-2026-000007." }) @Column("text", { nullable: true }) number: string | null;
  @Field(() => DecimalScalar, { description: "Gross revenue of the period's services." }) @Column("numeric", { transformer: numericColumn }) gross: Decimal;
  @Field(() => DecimalScalar, { description: "Everything taken off gross before sharing, negative (tax, refunds, chargebacks, bad debt, platform fees)." })
  @Column("numeric", { transformer: numericColumn })
  deductions: Decimal;
  @Field(() => DecimalScalar, { description: "gross + deductions: what the waterfalls shared." }) @Column("numeric", { transformer: numericColumn }) net: Decimal;
  @Field(() => DecimalScalar, { description: "The partner's shares by its rules." }) @Column("numeric", { transformer: numericColumn }) share: Decimal;
  @Field(() => DecimalScalar, { description: "Minimum-guarantee top-ups." }) @Column("numeric", { name: "minimum_guarantee_top_up", transformer: numericColumn }) minimumGuaranteeTopUp: Decimal;
  @Field(() => DecimalScalar, { description: "What caps took off the shares (negative)." }) @Column("numeric", { name: "cap_adjustment", transformer: numericColumn }) capAdjustment: Decimal;
  @Field(() => DecimalScalar, { description: "Adjustments of earlier, published periods (late refunds and chargebacks)." }) @Column("numeric", { transformer: numericColumn }) adjustments: Decimal;
  @Field(() => DecimalScalar, { description: "What we owe the partner: share + top-ups + cap + adjustments (negative: what it owes us)." }) @Column("numeric", { transformer: numericColumn }) payable: Decimal;
  @Field(() => Date, { nullable: true }) @Column("timestamptz", { name: "published_at", nullable: true }) publishedAt: Date | null;
  @Field(() => Date, { nullable: true }) @Column("timestamptz", { name: "settled_at", nullable: true }) settledAt: Date | null;
  @Field(() => String, { nullable: true, description: "The payment reference given at settlement." }) @Column("text", { name: "settlement_reference", nullable: true }) settlementReference: string | null;
  @Field(() => Date, { nullable: true }) @Column("timestamptz", { name: "disputed_at", nullable: true }) disputedAt: Date | null;
  @Field(() => String, { nullable: true }) @Column("text", { name: "dispute_reason", nullable: true }) disputeReason: string | null;
  @Field() @Column("timestamptz", { name: "created_at" }) createdAt: Date;
  @Field() @Column("timestamptz", { name: "updated_at" }) updatedAt: Date;
  @Field(() => Int) @VersionColumn() version: number;
}
