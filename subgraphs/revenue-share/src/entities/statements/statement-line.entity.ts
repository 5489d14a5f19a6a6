import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { Decimal, DecimalScalar, numericColumn, ReadThrough } from "@intersettle/shared";
import { DeductionKind, PartyRole, ShareModel, StatementLineKind, TierBasis } from "../enums";

const count = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/**
 * One line of a statement as the domain draws it up (statementLines): per service, gross, each deduction, net, the
 * partner's share by rule or tier, its guarantee top-up, its cap and its adjustments, each with the numbers behind it.
 */
@ObjectType("StatementLine", { description: "A statement line: gross, a deduction, net, a share (rule or tier), a guarantee top-up, a cap or an adjustment." })
@ReadThrough("Statement")
@Entity({ schema: "revshare", name: "statement_line" })
export class StatementLineEntity {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Column("uuid", { name: "statement_id" }) statementId: string;
  @Field(() => Int) @Column("int") position: number;
  @Field(() => ID) @Column("uuid", { name: "service_id" }) serviceId: string;
  @Field() @Column("text", { name: "service_code" }) serviceCode: string;
  @Field() @Column("text", { name: "service_name" }) serviceName: string;
  @Field(() => StatementLineKind) @Column("text") kind: StatementLineKind;
  @Field(() => PartyRole, { description: "The partner's place in the service's waterfall." }) @Column("text", { name: "party_role" }) partyRole: PartyRole;
  @Field(() => DeductionKind, { nullable: true }) @Column("text", { nullable: true }) deduction: DeductionKind | null;
  @Field(() => ShareModel, { nullable: true }) @Column("text", { nullable: true }) model: ShareModel | null;
  @Field(() => Int, { nullable: true, description: "1 for the first tier." }) @Column("int", { nullable: true }) tier: number | null;
  @Field(() => TierBasis, { nullable: true }) @Column("text", { nullable: true }) basis: TierBasis | null;
  @Field(() => DecimalScalar, { nullable: true, description: "Where the tier starts." }) @Column("numeric", { name: "tier_from", nullable: true, transformer: numericColumn }) tierFrom: Decimal | null;
  @Field(() => String, { nullable: true, description: "Transactions the line covers." }) @Column("bigint", { nullable: true, transformer: count }) transactions: number | null;
  @Field(() => DecimalScalar, { nullable: true, description: "The revenue the rate applied to (for an adjustment: the share stated before)." })
  @Column("numeric", { nullable: true, transformer: numericColumn })
  base: Decimal | null;
  @Field(() => DecimalScalar, { nullable: true, description: "A percent, or a fee per transaction." }) @Column("numeric", { nullable: true, transformer: numericColumn }) rate: Decimal | null;
  @Field(() => String, { nullable: true, description: "The earlier period an adjustment re-settles." }) @Column("date", { name: "adjusted_first_date", nullable: true }) adjustedFirstDate: string | null;
  @Field(() => String, { nullable: true }) @Column("date", { name: "adjusted_last_date", nullable: true }) adjustedLastDate: string | null;
  @Field(() => DecimalScalar, { description: "Signed: deductions are negative." }) @Column("numeric", { transformer: numericColumn }) amount: Decimal;
  @Field({ description: "The line in words, with the numbers it was computed from." }) @Column("text") description: string;
}
