import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { ReadThrough } from "@intersettle/shared";

@ObjectType({ description: "A record of a claim file that was not taken: its line, the field at fault, why, and the record as written." })
@ReadThrough("Claim")
@Entity({ schema: "invoicing", name: "claim_rejection" })
export class ClaimRejection {
  @Field(() => ID) @PrimaryColumn("uuid", { name: "claim_id" }) claimId: string;
  @Field(() => Int, { description: "The file's line (XLSX: the sheet's row) the record starts on." }) @PrimaryColumn("int") line: number;
  @Field() @Column("text") field: string;
  @Field() @Column("text") reason: string;
  @Field() @Column("text") raw: string;
}
