import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { GraphQLJSONObject } from "graphql-scalars";
import { PartnerOwned } from "@intersettle/shared";
import type { ClaimColumn } from "../../domain";

export enum ClaimFileFormat {
  CSV = "CSV",
  XLSX = "XLSX",
}
registerEnumType(ClaimFileFormat, { name: "ClaimFileFormat" });

@ObjectType("ClaimLayout", { description: "How one partner writes its invoice, saved once and used for every invoice it sends. Operators manage layouts; a partner reads its own." })
@PartnerOwned({ by: ["partnerId"] })
@Entity({ schema: "invoicing", name: "claim_layout" })
export class ClaimLayoutEntity {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Field(() => ID) @Column("uuid", { name: "partner_id" }) partnerId: string;
  @Field({ description: "Unique per partner; the CLI's --layout names it." }) @Column("text") name: string;
  @Field(() => ClaimFileFormat) @Column("text") format: ClaimFileFormat;
  @Field({ description: "CSV only." }) @Column("text") delimiter: string;
  @Field(() => Int, { description: "The 1-based row holding the column names; 0: the file has none." }) @Column("int", { name: "header_row" }) headerRow: number;
  @Field(() => String, { nullable: true, description: "XLSX: the sheet's name; absent, the first sheet." }) @Column("text", { nullable: true }) sheet: string | null;
  @Field(() => GraphQLJSONObject, { description: "destination, calls, minutes, amount (required), rate, currency (optional): each a header name or a 0-based column index." })
  @Column("jsonb")
  columns: Partial<Record<ClaimColumn, string | number>>;
  @Field({ description: "Numbers written 1.234,56." }) @Column("boolean", { name: "decimal_comma" }) decimalComma: boolean;
  @Field(() => Int) @Column("int") version: number;
  @Field() @Column("timestamptz", { name: "created_at" }) createdAt: Date;
  @Field() @Column("timestamptz", { name: "updated_at" }) updatedAt: Date;
}
