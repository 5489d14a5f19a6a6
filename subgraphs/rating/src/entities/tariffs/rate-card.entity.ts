import { PartnerOwned } from "@intersettle/shared";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from "typeorm";
import type { TimeBand } from "@intersettle/shared";
import { RatedService, RateDirection } from "../enums";

@ObjectType("TimeBand", { description: "A named period of the week in the card owner's timezone, e.g. PEAK Mon–Fri 08:00–18:00." })
export class TimeBandType implements TimeBand {
  @Field()
  name: string;

  @Field(() => [Int], { description: "ISO weekdays: 1 = Monday … 7 = Sunday." })
  weekdays: number[];

  @Field({ description: "Local HH:MM, inclusive." })
  start: string;

  @Field({ description: "Local HH:MM, exclusive (24:00 allowed); before start means the band crosses midnight." })
  end: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: "A partner's prices by destination prefix, versioned by import." })
@PartnerOwned({ by: ["partnerId"] })
@Entity({ schema: "rating", name: "rate_card" })
export class RateCard {
  @Field(() => ID)
  @PrimaryColumn("uuid")
  id: string;

  @Field(() => ID)
  @Column("uuid", { name: "partner_id" })
  partnerId: string;

  @Field()
  @Column("text")
  name: string;

  @Field(() => RateDirection)
  @Column("text")
  direction: RateDirection;

  @Field({ description: "ISO 4217 currency of the card's prices." })
  @Column("char", { length: 3 })
  currency: string;

  @Field(() => RatedService)
  @Column("text")
  service: RatedService;

  @Field(() => [TimeBandType])
  @Column("jsonb", { name: "time_bands" })
  timeBands: TimeBand[];

  @Field(() => Int, { description: "The latest imported version; 0 before the first import." })
  @Column("int", { name: "current_version" })
  currentVersion: number;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
