import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { Decimal, DecimalScalar, numericColumn, ReadThrough } from "@intersettle/shared";
import { RateChangeKind } from "../enums";

@ObjectType({ description: "A prefix's price for a time band over an effective period." })
@ReadThrough("rate card")
@Entity({ schema: "rating", name: "rate" })
export class Rate {
  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: "bigint" })
  id: string;

  @Column("uuid", { name: "rate_card_id" })
  rateCardId: string;

  @Field()
  @Column("text")
  prefix: string;

  @Field()
  @Column("text")
  destination: string;

  @Field(() => String, { nullable: true, description: "null: all times." })
  @Column("text", { name: "time_band", nullable: true })
  timeBand: string | null;

  @Field(() => DecimalScalar, { description: "Per charging unit during the initial interval." })
  @Column("numeric", { transformer: numericColumn })
  rate: Decimal;

  @Field(() => DecimalScalar)
  @Column("numeric", { name: "next_rate", transformer: numericColumn })
  nextRate: Decimal;

  @Field(() => DecimalScalar)
  @Column("numeric", { name: "connect_fee", transformer: numericColumn })
  connectFee: Decimal;

  @Field(() => Int)
  @Column("int", { name: "initial_interval" })
  initialInterval: number;

  @Field(() => Int)
  @Column("int", { name: "next_interval" })
  nextInterval: number;

  @Field(() => Int)
  @Column("int", { name: "grace_period" })
  gracePeriod: number;

  @Field()
  @Column("timestamptz", { name: "effective_from" })
  effectiveFrom: Date;

  @Field(() => Date, { nullable: true })
  @Column("timestamptz", { name: "effective_to", nullable: true })
  effectiveTo: Date | null;

  @Field(() => Int, { description: "The card version (import) that introduced this price." })
  @Column("int")
  version: number;

  @Column("int", { name: "written_in" })
  writtenIn: number;

  @Column("int", { name: "superseded_in", nullable: true })
  supersededIn: number | null;
}

@ObjectType({ description: "One line of an import's diff." })
@ReadThrough("rate card version")
@Entity({ schema: "rating", name: "rate_change" })
export class RateChange {
  @PrimaryGeneratedColumn({ type: "bigint" })
  id: string;

  @Column("uuid", { name: "version_id" })
  versionId: string;

  @Field(() => RateChangeKind)
  @Column("text")
  kind: RateChangeKind;

  @Field()
  @Column("text")
  prefix: string;

  @Field(() => String, { nullable: true })
  @Column("text", { name: "time_band", nullable: true })
  timeBand: string | null;

  @Field()
  @Column("text")
  destination: string;

  @Field(() => DecimalScalar, { nullable: true })
  @Column("numeric", { name: "old_rate", nullable: true, transformer: numericColumn })
  oldRate: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  @Column("numeric", { name: "new_rate", nullable: true, transformer: numericColumn })
  newRate: Decimal | null;

  @Field()
  @Column("timestamptz", { name: "effective_from" })
  effectiveFrom: Date;
}
