import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { PartnerOwned } from "@intersettle/shared";
import { StatementRunTrigger } from "../enums";

@ObjectType({ description: "One statement run for a partner and period: what it drew up." })
@PartnerOwned({ by: ["partnerId"] })
@Entity({ schema: "revshare", name: "statement_run" })
export class StatementRun {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Field(() => ID) @Column("uuid", { name: "partner_id" }) partnerId: string;
  @Field() @Column("timestamptz", { name: "period_start" }) periodStart: Date;
  @Field() @Column("timestamptz", { name: "period_end" }) periodEnd: Date;
  @Field(() => StatementRunTrigger) @Column("text") trigger: StatementRunTrigger;
  @Field(() => Int, { description: "Draft statements drawn up (one per currency)." }) @Column("int", { name: "statements" }) statementCount: number;
  @Field(() => Int) @Column("int") lines: number;
  @Field(() => Int, { description: "Earlier, published periods re-settled for late refunds and chargebacks." }) @Column("int", { name: "late_periods" }) latePeriods: number;
  @Field(() => [String], { description: "Codes of services with usage but no agreement in force for the period: left off, for an operator to look at." })
  @Column("text", { array: true })
  unsettled: string[];
  @Field() @Column("timestamptz", { name: "ran_at" }) ranAt: Date;
}
