import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { GraphQLJSONObject } from "graphql-scalars";
import { Decimal, DecimalScalar, numericColumn, OperatorsOnly, ReferenceData } from "@intersettle/shared";
import { DeckFileFormat, DestinationType, RateUnit } from "../enums";

@ObjectType("DeckLayout", { description: "How a vendor writes its deck, saved once and reused for every import." })
@OperatorsOnly()
@Entity({ schema: "rating", name: "deck_layout" })
export class DeckLayoutEntity {
  @Field(() => ID)
  @PrimaryColumn("uuid")
  id: string;

  @Field()
  @Column("text")
  name: string;

  @Field(() => DeckFileFormat)
  @Column("text", { name: "file_format" })
  fileFormat: DeckFileFormat;

  @Field()
  @Column("text")
  delimiter: string;

  @Field(() => GraphQLJSONObject, { description: "Our field name → the vendor's column name." })
  @Column("jsonb")
  columns: Record<string, string>;

  @Field()
  @Column("boolean", { name: "decimal_comma" })
  decimalComma: boolean;

  @Field(() => RateUnit)
  @Column("text", { name: "rate_per" })
  ratePer: RateUnit;

  @Field(() => String, { nullable: true })
  @Column("text", { name: "date_format", nullable: true })
  dateFormat: string | null;
}

@ObjectType({ description: "1 base = rate quote, from the effective date until the next one." })
@ReferenceData()
@Entity({ schema: "rating", name: "exchange_rate" })
export class ExchangeRate {
  @Field(() => ID)
  @PrimaryColumn("uuid")
  id: string;

  @Field()
  @Column("char", { length: 3 })
  base: string;

  @Field()
  @Column("char", { length: 3 })
  quote: string;

  @Field(() => DecimalScalar)
  @Column("numeric", { transformer: numericColumn })
  rate: Decimal;

  @Field({ description: "YYYY-MM-DD" })
  @Column("date", { name: "effective_date" })
  effectiveDate: string;
}

@ObjectType({ description: "What a prefix reaches: country, operator, region and type, for labelling traffic." })
@ReferenceData()
@Entity({ schema: "rating", name: "destination" })
export class Destination {
  @Field()
  @PrimaryColumn("text")
  prefix: string;

  @Field()
  @Column("text")
  country: string;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  operator: string | null;

  @Field(() => String, { nullable: true, description: "Telecom circle or region." })
  @Column("text", { nullable: true })
  region: string | null;

  @Field(() => DestinationType)
  @Column("text")
  type: DestinationType;
}
