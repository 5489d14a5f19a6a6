import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from "typeorm";
import { Decimal, DecimalScalar, numericColumn, PartnerOwned } from "@intersettle/shared";
import { BillingCycle, BlockCause, CreditMode, PartnerRole, PartnerStatus, PartnerType, RoundingMode, RoundingScope } from "./enums";

@ObjectType({ description: "Rounding applied to this partner's amounts." })
export class RoundingConvention {
  @Field(() => Int)
  decimals: number;

  @Field(() => RoundingMode)
  mode: RoundingMode;

  @Field(() => RoundingScope)
  scope: RoundingScope;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: "A carrier, content provider, aggregator or other party the hub settles with." })
@PartnerOwned({ by: ["id"] })
@Entity({ schema: "partners", name: "partner" })
export class Partner {
  @Field(() => ID)
  @PrimaryColumn("uuid")
  id: string;

  @Field({ description: "Short unique code, e.g. TELCO_UK." })
  @Column("text", { unique: true })
  code: string;

  @Field()
  @Column("text", { name: "legal_name" })
  legalName: string;

  @Field(() => [PartnerType])
  @Column("text", { array: true })
  types: PartnerType[];

  @Field(() => [PartnerRole])
  @Column("text", { array: true })
  roles: PartnerRole[];

  @Field({ description: "ISO 4217 currency the partner is invoiced in." })
  @Column("char", { length: 3 })
  currency: string;

  @Field({ description: "IANA timezone of billing cycles, time bands and invoice dates." })
  @Column("text")
  timezone: string;

  @Field(() => BillingCycle)
  @Column("text", { name: "billing_cycle" })
  billingCycle: BillingCycle;

  @Field(() => Int)
  @Column("int", { name: "payment_terms_days" })
  paymentTermsDays: number;

  @Field(() => DecimalScalar, { description: "Tax rate as a percentage, e.g. \"18\"." })
  @Column("numeric", { name: "tax_rate_percent", transformer: numericColumn })
  taxRatePercent: Decimal;

  @Column("int", { name: "rounding_decimals" })
  roundingDecimals: number;

  @Column("text", { name: "rounding_mode" })
  roundingMode: RoundingMode;

  @Column("text", { name: "rounding_scope" })
  roundingScope: RoundingScope;

  @Column("text", { name: "credit_mode" })
  creditMode: CreditMode;

  @Column("numeric", { name: "credit_limit", transformer: numericColumn })
  creditLimit: Decimal;

  @Column("int", { name: "credit_warning_percent" })
  creditWarningPercent: number;

  @Field(() => PartnerStatus)
  @Column("text")
  status: PartnerStatus;

  @Field(() => String, { nullable: true })
  @Column("text", { name: "status_reason", nullable: true })
  statusReason: string | null;

  @Field(() => BlockCause, { nullable: true, description: "Who holds a BLOCKED partner; credit control lifts only a CREDIT block." })
  @Column("text", { name: "block_cause", nullable: true })
  blockCause: BlockCause | null;

  @Field(() => Int, { description: "Increases with every change; pass it back as expectedVersion to avoid lost updates." })
  @VersionColumn()
  version: number;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
