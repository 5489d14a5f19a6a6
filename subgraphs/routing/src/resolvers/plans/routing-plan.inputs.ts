import { Field, ID, InputType, Int } from "type-graphql";
import { Bound, Decimal, DecimalScalar, MaxChars, MaxItems, NestedInput } from "@intersettle/shared";
import { MarginKind, OverrideAction, RoutingStrategy } from "../../entities";
import type { PlanTerms } from "../../services";

@InputType()
export class MinimumMarginInput {
  @Field(() => MarginKind) kind: MarginKind;
  @Field(() => DecimalScalar, { description: "FIXED: per minute in the sell currency, at least 0; PERCENT: 0 to 100." }) value: Decimal;
}

@InputType()
export class QualityFloorInput {
  @Field(() => DecimalScalar, { nullable: true, description: "Percent of calls answered, 0–100." }) minAsr?: Decimal | null;
  @Field(() => DecimalScalar, { nullable: true, description: "Average answered seconds." }) minAcd?: Decimal | null;
  @Field(() => Int, { nullable: true, description: "Fewer calls in the window: not judged (default 20)." }) minCalls?: number | null;
  @Field(() => Int, { nullable: true, description: "Minutes back from the routed time (default: the hub's quality window)." }) windowMinutes?: number | null;
}

@InputType()
export class PlanVendorInput {
  @Field(() => ID) @MaxChars(Bound.ID) vendorId: string;
  @Field(() => Int, { nullable: true, description: "Lower first; default 100." }) priority?: number | null;
  @Field(() => Int, { nullable: true, description: "Load share under WEIGHTED; default 1." }) weight?: number | null;
}

@InputType()
export class RouteOverrideInput {
  @Field({ description: "Digits: the override covers numbers under this prefix." }) @MaxChars(Bound.NAME) prefix: string;
  @Field(() => ID) @MaxChars(Bound.ID) vendorId: string;
  @Field(() => OverrideAction) action: OverrideAction;
}

@InputType({ description: "What a routing plan decides; simulateRoutes takes one as a draft." })
export class RoutingPlanInput {
  @Field(() => RoutingStrategy, { nullable: true, description: "Default LCR." }) strategy?: RoutingStrategy | null;
  @Field(() => Int, { nullable: true, description: "1 to 50; default 10." }) maxRoutes?: number | null;
  @Field(() => MinimumMarginInput, { nullable: true, description: "Default: FIXED 0 (never at a loss)." }) @NestedInput() minMargin?: MinimumMarginInput | null;
  @Field(() => QualityFloorInput, { nullable: true, description: "Absent: the hub's default floor." }) @NestedInput() qualityFloor?: QualityFloorInput | null;
  @Field(() => [PlanVendorInput], { nullable: true }) @MaxItems(500) @NestedInput() vendors?: PlanVendorInput[] | null;
  @Field(() => [RouteOverrideInput], { nullable: true }) @MaxItems(5000) @NestedInput() overrides?: RouteOverrideInput[] | null;
}

@InputType()
export class SetRoutingPlanInput extends RoutingPlanInput {
  @Field(() => ID, { nullable: true, description: "The plan to change; absent: a new plan." }) @MaxChars(Bound.ID) id?: string | null;
  @Field(() => ID) @MaxChars(Bound.ID) customerId: string;
  @Field() effectiveFrom: Date;
  @Field(() => Date, { nullable: true, description: "Exclusive; absent: open." }) effectiveTo?: Date | null;
}

const DEFAULT_MIN_CALLS = 20;

/** The input's terms with their defaults. */
export function planTerms(input: RoutingPlanInput, windowMinutes: number): PlanTerms {
  const floor = input.qualityFloor;
  return {
    strategy: input.strategy ?? RoutingStrategy.LCR,
    maxRoutes: input.maxRoutes ?? 10,
    minMargin: input.minMargin ? { kind: input.minMargin.kind, value: input.minMargin.value } : { kind: MarginKind.FIXED, value: new Decimal(0) },
    qualityFloor: floor ? { minAsr: floor.minAsr ?? null, minAcd: floor.minAcd ?? null, minCalls: floor.minCalls ?? DEFAULT_MIN_CALLS, windowMinutes: floor.windowMinutes ?? windowMinutes } : null,
    vendors: (input.vendors ?? []).map((v) => ({ vendorId: v.vendorId, priority: v.priority ?? 100, weight: v.weight ?? 1 })),
    overrides: (input.overrides ?? []).map((o) => ({ prefix: o.prefix, vendorId: o.vendorId, action: o.action })),
  };
}
