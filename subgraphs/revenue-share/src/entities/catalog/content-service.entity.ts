import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn, VersionColumn } from "typeorm";
import { PartnerOwned } from "@intersettle/shared";
import { ContentServiceKind, ContentServiceStatus } from "../enums";

/**
 * A content service the operator sells (a ring-back tone catalogue, a game store) and the chain of partners paid out
 * of it. Each partner of the chain reads the service; ingestion resolves transactions' service codes through `code`.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A content service and its chain of partners: content provider, and optionally aggregator and platform enabler." })
@PartnerOwned({ by: ["providerId", "aggregatorId", "enablerId"] })
@Entity({ schema: "revshare", name: "content_service" })
export class ContentService {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Field({ description: "Unique; content transactions name their service by it." }) @Column("text", { unique: true }) code: string;
  @Field() @Column("text") name: string;
  @Field(() => ContentServiceKind) @Column("text") kind: ContentServiceKind;
  @Field({ description: "ISO 4217: the currency its transactions are charged in." }) @Column("char", { length: 3 }) currency: string;
  @Field(() => ID) @Column("uuid", { name: "provider_id" }) providerId: string;
  @Field(() => ID, { nullable: true }) @Column("uuid", { name: "aggregator_id", nullable: true }) aggregatorId: string | null;
  @Field(() => ID, { nullable: true }) @Column("uuid", { name: "enabler_id", nullable: true }) enablerId: string | null;
  @Field(() => ContentServiceStatus) @Column("text") status: ContentServiceStatus;
  @Field() @Column("timestamptz", { name: "created_at" }) createdAt: Date;
  @Field() @Column("timestamptz", { name: "updated_at" }) updatedAt: Date;
  @Field(() => Int) @VersionColumn() version: number;
}
