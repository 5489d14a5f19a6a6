import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn, VersionColumn } from "typeorm";
import { ReadThrough } from "@intersettle/shared";
import type { StoredTerms } from "./stored-terms";

/**
 * One version of a service's revenue-share agreement, in force from `effectiveFrom` to `effectiveTo` (local dates,
 * both included). The terms are the domain's, kept as jsonb with amounts as exact strings (see stored-terms.ts).
 */
@ObjectType({ description: "A version of a content service's revenue-share agreement: deductions and the waterfall of shares." })
@ReadThrough("ContentService")
@Entity({ schema: "revshare", name: "share_agreement" })
export class ShareAgreement {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Field(() => ID) @Column("uuid", { name: "service_id" }) serviceId: string;
  @Field(() => Int, { description: "1 for the service's first agreement, counting up." }) @Column("int", { name: "agreement_version" }) agreementVersion: number;
  @Field(() => String, { nullable: true, description: "The contract's own reference." }) @Column("text", { nullable: true }) reference: string | null;
  @Field({ description: "ISO 4217: fees, guarantees and caps are in it." }) @Column("char", { length: 3 }) currency: string;
  @Field({ description: "First local date (YYYY-MM-DD) of the periods it governs: a period is settled by the version in force on its first day." })
  @Column("date", { name: "effective_from" })
  effectiveFrom: string;
  @Field(() => String, { nullable: true, description: "Last local date it is in force (included); null while open." })
  @Column("date", { name: "effective_to", nullable: true })
  effectiveTo: string | null;
  @Column("jsonb") terms: StoredTerms;
  @Field() @Column("timestamptz", { name: "created_at" }) createdAt: Date;
  @Field() @Column("timestamptz", { name: "updated_at" }) updatedAt: Date;
  @Field(() => Int) @VersionColumn() version: number;
}
