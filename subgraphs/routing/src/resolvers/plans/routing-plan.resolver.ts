import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { IdArg, Role } from "@intersettle/shared";
import { PlanOverride, PlanVendorTerms, RoutingPlanEntity } from "../../entities";
import { PartnerReference, partnerReference } from "../partner-reference";
import type { RoutingContext } from "../context";
import { planTerms, SetRoutingPlanInput } from "./routing-plan.inputs";

@Resolver(() => RoutingPlanEntity)
export class RoutingPlanResolver {
  @Authorized(Role.VIEWER)
  @Query(() => [RoutingPlanEntity], { description: "A customer's routing plans, earliest first (operators)." })
  routingPlans(@IdArg("customerId") customerId: string, @Ctx() ctx: RoutingContext) {
    return ctx.services.plans.forCustomer(customerId);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => RoutingPlanEntity, { description: "Creates a customer's routing plan, or changes one given its id; applied to routing at once. Audited." })
  setRoutingPlan(@Arg("input") input: SetRoutingPlanInput, @Ctx() ctx: RoutingContext) {
    const terms = planTerms(input, ctx.services.settings.qualityWindowMinutes);
    return ctx.services.plans.set(ctx.principal, { ...terms, id: input.id, customerId: input.customerId, effectiveFrom: input.effectiveFrom, effectiveTo: input.effectiveTo ?? null });
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => RoutingPlanEntity, { description: "Ends a routing plan at `at` (exclusive). Audited." })
  endRoutingPlan(@IdArg("id") id: string, @Arg("at") at: Date, @Ctx() ctx: RoutingContext) {
    return ctx.services.plans.end(ctx.principal, id, at);
  }

  @FieldResolver(() => PartnerReference)
  customer(@Root() plan: RoutingPlanEntity): PartnerReference {
    return partnerReference(plan.customerId);
  }
}

@Resolver(() => PlanVendorTerms)
export class PlanVendorResolver {
  @FieldResolver(() => PartnerReference)
  vendor(@Root() terms: PlanVendorTerms): PartnerReference {
    return partnerReference(terms.vendorId);
  }
}

@Resolver(() => PlanOverride)
export class PlanOverrideResolver {
  @FieldResolver(() => PartnerReference)
  vendor(@Root() override: PlanOverride): PartnerReference {
    return partnerReference(override.vendorId);
  }
}
