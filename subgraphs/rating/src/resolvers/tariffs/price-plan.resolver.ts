import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Bound, Connection, IdArg, MaxChars, PageArgs, Role } from "@intersettle/shared";
import { PricePlan, RateCard, RatedService, RateDirection } from "../../entities";
import type { RatingContext } from "../context";

@ObjectType()
export class PricePlanConnection extends Connection(PricePlan) {}

@InputType({ description: "A price plan: the card that prices a partner's usage from effectiveFrom, by default or for one trunk mapping or agreement." })
export class SetPricePlanInput {
  @Field(() => ID)
  @MaxChars(Bound.ID)
  partnerId: string;

  @Field(() => RateDirection)
  direction: RateDirection;

  @Field(() => RatedService)
  service: RatedService;

  @Field(() => ID, { description: "One of the partner's cards of the same direction and service." })
  @MaxChars(Bound.ID)
  rateCardId: string;

  @Field(() => ID, { nullable: true, description: "Only calls identified by this trunk mapping (it must map the partner)." })
  @MaxChars(Bound.ID)
  trunkMappingId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only while this agreement of the partner is in force (it must cover the service)." })
  @MaxChars(Bound.ID)
  agreementId?: string | null;

  @Field({ description: "The scope's open plan that began earlier ends here." })
  effectiveFrom: Date;

  @Field(() => Date, { nullable: true, description: "Exclusive; null: open." })
  effectiveTo?: Date | null;
}

@Resolver(() => PricePlan)
export class PricePlanResolver {
  @Authorized()
  @Query(() => PricePlanConnection, { description: "A partner's price plans, optionally of one direction and service; a partner key sees only its own." })
  pricePlans(
    @IdArg("partnerId") partnerId: string,
    @Arg("direction", () => RateDirection, { nullable: true }) direction: RateDirection | null,
    @Arg("service", () => RatedService, { nullable: true }) service: RatedService | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RatingContext,
  ) {
    return ctx.services.pricePlans.list(ctx.principal, { partnerId, direction: direction ?? undefined, service: service ?? undefined }, page);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => PricePlan, { description: "Set which card prices a partner's usage from a date; the same scope's open plan that began earlier ends then. Audited; published on `rates`." })
  setPricePlan(@Arg("input") input: SetPricePlanInput, @Ctx() ctx: RatingContext) {
    return ctx.services.pricePlans.set(ctx.principal, {
      partnerId: input.partnerId,
      direction: input.direction,
      service: input.service,
      rateCardId: input.rateCardId,
      trunkMappingId: input.trunkMappingId ?? null,
      agreementId: input.agreementId ?? null,
      effectiveFrom: input.effectiveFrom,
      effectiveTo: input.effectiveTo ?? null,
    });
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => PricePlan, { description: "End a price plan at `at` (exclusive); at its effectiveFrom it is withdrawn. Audited; published on `rates`." })
  endPricePlan(@IdArg("id") id: string, @Arg("at", () => Date) at: Date, @Ctx() ctx: RatingContext) {
    return ctx.services.pricePlans.end(ctx.principal, id, at);
  }

  @FieldResolver(() => RateCard, { nullable: true })
  rateCard(@Root() plan: PricePlan, @Ctx() ctx: RatingContext) {
    return ctx.loaders.rateCard.load(plan.rateCardId);
  }
}
