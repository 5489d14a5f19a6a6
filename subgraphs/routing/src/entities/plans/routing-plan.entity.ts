import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { Decimal, DecimalScalar, numericColumn, OperatorsOnly } from "@intersettle/shared";
import { MarginKind, OverrideAction, RoutingStrategy } from "../enums";

@ObjectType({ description: "The quality a vendor must keep to a destination to be routed to; too few calls in the window: not judged." })
export class QualityFloorTerms {
  @Field(() => DecimalScalar, { nullable: true, description: "Percent of calls answered, 0–100; null: not checked." }) minAsr: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: "Average answered seconds; null: not checked." }) minAcd: string | null;
  @Field(() => Int) minCalls: number;
  @Field(() => Int, { description: "How far back from the routed time quality is measured." }) windowMinutes: number;
}

@ObjectType({ description: "A vendor's priority (lower first) and weight (load share) in a plan; vendors not listed get priority 100, weight 1." })
export class PlanVendorTerms {
  @Field(() => ID) vendorId: string;
  @Field(() => Int) priority: number;
  @Field(() => Int) weight: number;
}

@ObjectType("RouteOverride", { description: "What a plan does to one vendor for numbers under one prefix." })
export class PlanOverride {
  @Field() prefix: string;
  @Field(() => ID) vendorId: string;
  @Field(() => OverrideAction) action: OverrideAction;
}

/** A customer's routing plan over an effective period; audited. Plans hold vendor choices: operators only. */
@ObjectType("RoutingPlan", { description: "How one customer's calls are routed from `effectiveFrom` (to `effectiveTo`, exclusive); where two overlap, the later start wins." })
@OperatorsOnly()
@Entity({ schema: "routing", name: "routing_plan" })
export class RoutingPlanEntity {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Field(() => ID) @Column("uuid", { name: "customer_id" }) customerId: string;
  @Field(() => RoutingStrategy) @Column("text") strategy: RoutingStrategy;
  @Field(() => Int) @Column("int", { name: "max_routes" }) maxRoutes: number;
  @Field(() => MarginKind) @Column("text", { name: "min_margin_kind" }) minMarginKind: MarginKind;
  @Field(() => DecimalScalar, { description: "FIXED: per minute in the sell currency; PERCENT: of the sell rate." })
  @Column("numeric", { name: "min_margin_value", transformer: numericColumn })
  minMarginValue: Decimal;
  @Field(() => QualityFloorTerms, { nullable: true, description: "Null: the hub's default floor applies." })
  @Column("jsonb", { name: "quality_floor", nullable: true })
  qualityFloor: QualityFloorTerms | null;
  @Field(() => [PlanVendorTerms]) @Column("jsonb") vendors: PlanVendorTerms[];
  @Field(() => [PlanOverride]) @Column("jsonb") overrides: PlanOverride[];
  @Field() @Column("timestamptz", { name: "effective_from" }) effectiveFrom: Date;
  @Field(() => Date, { nullable: true }) @Column("timestamptz", { name: "effective_to", nullable: true }) effectiveTo: Date | null;
  @Field() @Column("timestamptz", { name: "created_at" }) createdAt: Date;
  @Field() @Column("timestamptz", { name: "updated_at" }) updatedAt: Date;
  @Field(() => Int) @Column("int") version: number;
}
