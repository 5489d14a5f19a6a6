import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { Bound, BoundedArg, IdArg, RatedService, Role } from "@intersettle/shared";
import type { RouteAnswer as DomainAnswer } from "../../domain/route-types";
import { PartnerReference, partnerReference } from "../partner-reference";
import { planTerms, RoutingPlanInput } from "../plans/routing-plan.inputs";
import type { RoutingContext } from "../context";
import { DroppedVendor, Route, RouteAnswer } from "./route.types";

/** Numbers one simulation may route. */
export const MAX_SIMULATED_NUMBERS = 1000;

@Resolver(() => RouteAnswer)
export class RouteResolver {
  @Authorized(Role.VIEWER, Role.PARTNER, Role.SERVICE)
  @Query(() => RouteAnswer, { description: "Where to send a call from a customer to a number at an instant (default now): vendors in order. A partner asks only about its own calls and sees only its sell rate and whether the number routes." })
  routes(
    @IdArg("customerId") customerId: string,
    @BoundedArg("number", { maxLength: Bound.NAME }) number: string,
    @Arg("at", () => Date, { nullable: true }) at: Date | null,
    @BoundedArg("limit", { min: 1, max: 50 }, () => Int, { nullable: true, description: "At most this many routes (1 to 50; default 10; the plan's maxRoutes caps it)." }) limit: number | null,
    @Arg("service", () => RatedService, { nullable: true, description: "Default VOICE." }) service: RatedService | null,
    @Arg("explain", () => Boolean, { nullable: true, description: "List the vendors dropped, each with its reason (operators)." }) explain: boolean | null,
    @Ctx() ctx: RoutingContext,
  ) {
    return ctx.services.queries.routes(ctx.principal, { customerId, number, at, limit, service, explain });
  }

  @Authorized(Role.VIEWER, Role.PARTNER)
  @Query(() => [RouteAnswer], { description: `Routes for up to ${MAX_SIMULATED_NUMBERS} numbers, explained; under a draft plan when given (operators), saving nothing.` })
  simulateRoutes(
    @IdArg("customerId") customerId: string,
    @BoundedArg("numbers", { maxItems: MAX_SIMULATED_NUMBERS, maxLength: Bound.NAME }, () => [String]) numbers: string[],
    @Arg("at", () => Date, { nullable: true }) at: Date | null,
    @BoundedArg("limit", { min: 1, max: 50 }, () => Int, { nullable: true }) limit: number | null,
    @Arg("service", () => RatedService, { nullable: true }) service: RatedService | null,
    @Arg("plan", () => RoutingPlanInput, { nullable: true }) plan: RoutingPlanInput | null,
    @Ctx() ctx: RoutingContext,
  ) {
    const terms = plan ? planTerms(plan, ctx.services.settings.qualityWindowMinutes) : null;
    return ctx.services.queries.simulate(ctx.principal, { customerId, numbers, at, limit, service, plan: terms });
  }

  @FieldResolver(() => PartnerReference)
  customer(@Root() answer: DomainAnswer): PartnerReference {
    return partnerReference(answer.customerId);
  }

  @FieldResolver(() => Boolean, { description: "Whether the number has at least one route." })
  routable(@Root() answer: DomainAnswer): boolean {
    return answer.unroutable === null;
  }
}

@Resolver(() => Route)
export class RouteVendorResolver {
  @FieldResolver(() => PartnerReference)
  vendor(@Root() route: { vendorId: string }): PartnerReference {
    return partnerReference(route.vendorId);
  }
}

@Resolver(() => DroppedVendor)
export class DroppedVendorResolver {
  @FieldResolver(() => PartnerReference)
  vendor(@Root() dropped: { vendorId: string }): PartnerReference {
    return partnerReference(dropped.vendorId);
  }
}
