import { OperatorsOnly, PartnerOwned } from "@intersettle/shared";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { GraphQLJSONObject } from "graphql-scalars";
import { FraudRule } from "../../domain/fraud/fraud-rules";
import { FraudAlertStatus, FraudSeverity } from "../../domain/fraud/fraud-findings";
import type { FraudRulesPatch } from "../../domain/fraud/fraud-rules";

registerEnumType(FraudRule, { name: "FraudRule", description: "A fraud rule evaluated on a partner's live traffic as a customer." });
registerEnumType(FraudSeverity, { name: "FraudSeverity" });
registerEnumType(FraudAlertStatus, { name: "FraudAlertStatus", description: "OPEN, then ACKNOWLEDGED while looked into, then CLOSED." });

/** A partner's fraud rules as set by operators (fields not set keep their defaults). */
@OperatorsOnly()
@Entity({ schema: "rating", name: "fraud_rules" })
export class FraudRulesEntity {
  @PrimaryColumn("uuid", { name: "partner_id" }) partnerId: string;
  @Column("jsonb") rules: FraudRulesPatch;
  @Column("timestamptz", { name: "updated_at" }) updatedAt: Date;
}

@ObjectType("IrsfRange", { description: "A number range of the IRSF (International Revenue Share Fraud) list: calls to it raise IRSF_RANGE alerts." })
@OperatorsOnly()
@Entity({ schema: "rating", name: "irsf_range" })
export class IrsfRangeEntity {
  @Field({ description: "Leading digits of the E.164 numbers of the range." }) @PrimaryColumn("text") prefix: string;
  @Field() @Column("text") name: string;
  @Field(() => String, { nullable: true }) @Column("text", { nullable: true }) note: string | null;
  @Field() @Column("timestamptz", { name: "imported_at" }) importedAt: Date;
}

@ObjectType({ description: "A fraud rule tripped by a partner's traffic, with its evidence. A partner key sees its own alerts." })
// Who looked into an alert and what they wrote stays with the hub's operators.
@PartnerOwned({ by: ["partnerId"], hidden: ["acknowledgedBy", "note", "closedBy", "resolution"] })
@Entity({ schema: "rating", name: "fraud_alert" })
export class FraudAlert {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Field(() => ID) @Column("uuid", { name: "partner_id" }) partnerId: string;
  @Field(() => FraudRule) @Column("text") rule: FraudRule;
  @Field({ description: "What tripped the rule: a destination, a number range, or the partner's spend." }) @Column("text") subject: string;
  @Field() @Column("timestamptz", { name: "window_start" }) windowStart: Date;
  @Field() @Column("timestamptz", { name: "window_end" }) windowEnd: Date;
  @Field(() => FraudSeverity) @Column("text") severity: FraudSeverity;
  @Field(() => FraudAlertStatus) @Column("text") status: FraudAlertStatus;
  @Field({ description: "Raising it asked the partners subgraph to block the partner." }) @Column("boolean", { name: "auto_block" }) autoBlock: boolean;
  @Field() @Column("text") summary: string;
  @Field(() => GraphQLJSONObject, { description: "The window, the figures against the rule's thresholds, and sample calls." }) @Column("jsonb") evidence: Record<string, unknown>;
  @Field() @Column("timestamptz", { name: "raised_at" }) raisedAt: Date;
  @Field(() => Date, { nullable: true }) @Column("timestamptz", { name: "acknowledged_at", nullable: true }) acknowledgedAt: Date | null;
  @Field(() => String, { nullable: true, description: "Operators only." }) @Column("text", { name: "acknowledged_by", nullable: true }) acknowledgedBy: string | null;
  @Field(() => String, { nullable: true, description: "Operators only." }) @Column("text", { nullable: true }) note: string | null;
  @Field(() => Date, { nullable: true }) @Column("timestamptz", { name: "closed_at", nullable: true }) closedAt: Date | null;
  @Field(() => String, { nullable: true, description: "Operators only." }) @Column("text", { name: "closed_by", nullable: true }) closedBy: string | null;
  @Field(() => String, { nullable: true, description: "Operators only." }) @Column("text", { nullable: true }) resolution: string | null;
}
