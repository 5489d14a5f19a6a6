import { PartnerOwned } from "@intersettle/shared";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from "typeorm";
import { RatedService, RateDirection } from "../enums";

@ObjectType({
  description:
    "Which card prices a partner's usage in one direction and service, from when until when: its default, or an override for calls on one trunk mapping or while one agreement is in force. The most specific plan in force at a call's start wins (mapping, then agreement, then default).",
})
@PartnerOwned({ by: ["partnerId"] })
@Entity({ schema: "rating", name: "price_plan" })
export class PricePlan {
  @Field(() => ID)
  @PrimaryColumn("uuid")
  id: string;

  @Field(() => ID)
  @Column("uuid", { name: "partner_id" })
  partnerId: string;

  @Field(() => RateDirection)
  @Column("text")
  direction: RateDirection;

  @Field(() => RatedService)
  @Column("text")
  service: RatedService;

  @Field(() => ID)
  @Column("uuid", { name: "rate_card_id" })
  rateCardId: string;

  @Field(() => ID, { nullable: true, description: "Only calls identified by this trunk mapping; null: any." })
  @Column("uuid", { name: "trunk_mapping_id", nullable: true })
  trunkMappingId: string | null;

  @Field(() => ID, { nullable: true, description: "Only while this agreement of the partner is in force and covers the service; null: any." })
  @Column("uuid", { name: "agreement_id", nullable: true })
  agreementId: string | null;

  @Field()
  @Column("timestamptz", { name: "effective_from" })
  effectiveFrom: Date;

  @Field(() => Date, { nullable: true, description: "Exclusive; null while open." })
  @Column("timestamptz", { name: "effective_to", nullable: true })
  effectiveTo: Date | null;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
