import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { Decimal, DecimalScalar, numericColumn, ReadThrough } from "@intersettle/shared";

@ObjectType({ description: "One summary line of a partner's invoice, as written." })
@ReadThrough("Claim")
@Entity({ schema: "invoicing", name: "claim_line" })
export class ClaimLineEntity {
  @PrimaryColumn("uuid", { name: "claim_id" }) claimId: string;
  @Field(() => Int) @PrimaryColumn("int") line: number;
  @Field() @Column("text") destination: string;
  @Field(() => Int) @Column("bigint", { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) calls: number;
  @Field(() => DecimalScalar) @Column("numeric", { transformer: numericColumn }) minutes: Decimal;
  @Field(() => DecimalScalar, { nullable: true }) @Column("numeric", { nullable: true, transformer: numericColumn }) rate: Decimal | null;
  @Field(() => DecimalScalar) @Column("numeric", { transformer: numericColumn }) amount: Decimal;
  @Field() @Column("char", { length: 3 }) currency: string;
}
