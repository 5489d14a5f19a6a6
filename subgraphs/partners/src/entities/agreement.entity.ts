import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from "typeorm";
import { Decimal, DecimalScalar, numericColumn, PartnerOwned } from "@intersettle/shared";
import { AgreementStatus, AgreementType, ServiceType } from "./enums";

@Directive('@key(fields: "id")')
@ObjectType({ description: "An interconnect or commercial agreement between the hub and one partner." })
@PartnerOwned({ by: ["partnerId"] })
@Entity({ schema: "partners", name: "agreement" })
export class Agreement {
  @Field(() => ID)
  @PrimaryColumn("uuid")
  id: string;

  @Field(() => ID)
  @Column("uuid", { name: "partner_id" })
  partnerId: string;

  @Field({ description: "The contract reference, unique per partner." })
  @Column("text")
  reference: string;

  @Field(() => AgreementType)
  @Column("text")
  type: AgreementType;

  @Field(() => [ServiceType])
  @Column("text", { array: true })
  services: ServiceType[];

  @Field({ description: "First day in force (YYYY-MM-DD, partner's timezone)." })
  @Column("date", { name: "valid_from" })
  validFrom: string;

  @Field(() => String, { nullable: true, description: "Last day in force, inclusive; null while open-ended." })
  @Column("date", { name: "valid_to", nullable: true })
  validTo: string | null;

  @Field(() => AgreementStatus)
  @Column("text")
  status: AgreementStatus;

  @Field(() => DecimalScalar, { description: "Reconciliation differences up to this percentage are accepted." })
  @Column("numeric", { name: "tolerance_percent", transformer: numericColumn })
  tolerancePercent: Decimal;

  @Field(() => DecimalScalar, { description: "Reconciliation differences up to this amount (partner currency) are accepted." })
  @Column("numeric", { name: "tolerance_amount", transformer: numericColumn })
  toleranceAmount: Decimal;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  terms: string | null;

  @Field(() => Int)
  @VersionColumn()
  version: number;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
