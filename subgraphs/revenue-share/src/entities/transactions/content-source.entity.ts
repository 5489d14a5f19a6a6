import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { OperatorsOnly } from "@intersettle/shared";

@ObjectType({ description: "A feed whose content transaction files the hub ingests: a billing platform, a store, an aggregator's report." })
@OperatorsOnly()
@Entity({ schema: "revshare", name: "content_source" })
export class ContentSource {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Field({ description: "Unique; uploads and the CLI name the source by it." }) @Column("text", { unique: true }) code: string;
  @Field() @Column("text") name: string;
  @Field({ description: "IANA zone of the feed's clock: occurred_at written without an offset is its local time." }) @Column("text") timezone: string;
  @Field(() => String, { nullable: true, description: "Watched folder under the drop root: finished files are ingested, then moved to done/ or failed/." })
  @Column("text", { name: "drop_folder", nullable: true })
  dropFolder: string | null;
  @Field() @Column("timestamptz", { name: "created_at" }) createdAt: Date;
}
