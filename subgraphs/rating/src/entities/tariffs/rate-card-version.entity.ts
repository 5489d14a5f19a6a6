import { ReadThrough } from "@intersettle/shared";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { ImportMode } from "../enums";

@ObjectType({ description: "How an import changed the card." })
export class RateDiffSummary {
  @Field(() => Int) new: number;
  @Field(() => Int) increased: number;
  @Field(() => Int) decreased: number;
  @Field(() => Int) unchanged: number;
  @Field(() => Int) closed: number;
}

@ObjectType({ description: "One import of a rate deck: a version of the card, kept for ever." })
@ReadThrough("rate card")
@Entity({ schema: "rating", name: "rate_card_version" })
export class RateCardVersion {
  @Field(() => ID)
  @PrimaryColumn("uuid")
  id: string;

  @Field(() => ID)
  @Column("uuid", { name: "rate_card_id" })
  rateCardId: string;

  @Field(() => Int)
  @Column("int")
  version: number;

  @Field(() => ImportMode)
  @Column("text")
  mode: ImportMode;

  @Field({ description: "Default effective date of the deck's rows, and when FULL mode closes missing prefixes." })
  @Column("timestamptz", { name: "effective_from" })
  effectiveFrom: Date;

  @Field(() => String, { nullable: true })
  @Column("text", { name: "file_name", nullable: true })
  fileName: string | null;

  @Field()
  @Column("text", { name: "imported_by" })
  importedBy: string;

  @Field()
  @Column("timestamptz", { name: "imported_at" })
  importedAt: Date;

  @Field(() => Int, { description: "Data rows in the deck." })
  @Column("int", { name: "row_count" })
  rowCount: number;

  @Column("int", { name: "new_count" }) newCount: number;
  @Column("int", { name: "increased_count" }) increasedCount: number;
  @Column("int", { name: "decreased_count" }) decreasedCount: number;
  @Column("int", { name: "unchanged_count" }) unchangedCount: number;
  @Column("int", { name: "closed_count" }) closedCount: number;
}
