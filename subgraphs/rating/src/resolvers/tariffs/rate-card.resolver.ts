import { Arg, Args, Authorized, Ctx, Directive, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Bound, BoundedArg, Connection, IdArg, MaxChars, MaxItems, NestedInput, PageArgs, Role } from "@intersettle/shared";
import { Rate, RateCard, RateCardVersion, RatedService, RateDirection } from "../../entities";
import type { RatingContext } from "../context";

@ObjectType()
export class RateCardConnection extends Connection(RateCard) {}

@ObjectType()
export class RateConnection extends Connection(Rate) {}

@ObjectType()
export class RateCardVersionConnection extends Connection(RateCardVersion) {}

/** The partner as the rating subgraph knows it: its id, extended with its rate cards. */
@Directive('@key(fields: "id")')
@ObjectType("Partner")
export class PartnerReference {
  @Field(() => ID)
  id: string;
}

/** A day holds at most 24 hourly bands. */
const MAX_TIME_BANDS = 24;

@InputType()
export class TimeBandInput {
  @Field()
  @MaxChars(Bound.NAME)
  name: string;

  @Field(() => [Int], { description: "ISO weekdays: 1 = Monday … 7 = Sunday." })
  @MaxItems(7)
  weekdays: number[];

  @Field({ description: "HH:MM local time, inclusive." })
  @MaxChars(Bound.NAME)
  start: string;

  @Field({ description: "HH:MM local time, exclusive; before start crosses midnight." })
  @MaxChars(Bound.NAME)
  end: string;
}

@InputType()
export class CreateRateCardInput {
  @Field(() => ID)
  @MaxChars(Bound.ID)
  partnerId: string;

  @Field()
  @MaxChars(Bound.NAME)
  name: string;

  @Field(() => RateDirection)
  direction: RateDirection;

  @Field({ description: "ISO 4217." })
  @MaxChars(Bound.NAME)
  currency: string;

  @Field(() => RatedService)
  service: RatedService;

  @Field(() => [TimeBandInput], { defaultValue: [] })
  @MaxItems(MAX_TIME_BANDS)
  @NestedInput()
  timeBands: TimeBandInput[];
}

@InputType()
export class UpdateRateCardInput {
  @Field({ nullable: true })
  @MaxChars(Bound.NAME)
  name?: string;

  @Field(() => [TimeBandInput], { nullable: true })
  @MaxItems(MAX_TIME_BANDS)
  @NestedInput()
  timeBands?: TimeBandInput[];
}

@InputType()
export class RateCardFilterInput {
  @Field(() => ID, { nullable: true })
  @MaxChars(Bound.ID)
  partnerId?: string;

  @Field(() => RateDirection, { nullable: true })
  direction?: RateDirection;

  @Field(() => RatedService, { nullable: true })
  service?: RatedService;
}

@Resolver(() => RateCard)
export class RateCardResolver {
  @Authorized()
  @Query(() => RateCard)
  rateCard(@IdArg("id") id: string, @Ctx() ctx: RatingContext) {
    return ctx.services.rateCards.get(ctx.principal, id);
  }

  @Authorized()
  @Query(() => RateCardConnection, { description: "Rate cards; a partner key sees its own." })
  rateCards(@Arg("filter", () => RateCardFilterInput, { nullable: true }) filter: RateCardFilterInput | null, @Args() page: PageArgs, @Ctx() ctx: RatingContext) {
    return ctx.services.rateCards.list(ctx.principal, filter ?? {}, page);
  }

  @Authorized()
  @Query(() => RateCardVersion, { description: "One import of a card, with its diff." })
  rateCardVersion(@IdArg("rateCardId") rateCardId: string, @BoundedArg("version", { min: 1 }, () => Int) version: number, @Ctx() ctx: RatingContext) {
    return ctx.services.rateCards.version(ctx.principal, rateCardId, version);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => RateCard)
  createRateCard(@Arg("input") input: CreateRateCardInput, @Ctx() ctx: RatingContext) {
    return ctx.services.rateCards.create(ctx.principal, { ...input, currency: input.currency, timeBands: input.timeBands.map((b) => ({ ...b })) });
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => RateCard, { description: "Rename a card or redefine its time bands; prices change only by importing a deck." })
  updateRateCard(@IdArg("id") id: string, @Arg("input") input: UpdateRateCardInput, @Ctx() ctx: RatingContext) {
    return ctx.services.rateCards.update(ctx.principal, id, { name: input.name, timeBands: input.timeBands?.map((b) => ({ ...b })) });
  }

  @FieldResolver(() => PartnerReference)
  partner(@Root() card: RateCard): PartnerReference {
    return { id: card.partnerId };
  }

  @FieldResolver(() => RateCardVersionConnection)
  versions(@Root() card: RateCard, @Args() page: PageArgs, @Ctx() ctx: RatingContext) {
    return ctx.services.rateCards.versions(card.id, page);
  }

  @FieldResolver(() => RateConnection, { description: "The card's rates after `asOfVersion` (default the latest), optionally only those in force `at` an instant." })
  rates(
    @Root() card: RateCard,
    @BoundedArg("asOfVersion", { min: 0 }, () => Int, { nullable: true }) asOfVersion: number | null,
    @BoundedArg("prefix", { maxLength: Bound.NAME }, () => String, { nullable: true, description: "Prefixes starting with these digits." }) prefix: string | null,
    @Arg("at", () => Date, { nullable: true }) at: Date | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RatingContext,
  ) {
    return ctx.services.rateCards.rates(card, { asOfVersion: asOfVersion ?? undefined, prefix: prefix ?? undefined, at: at ?? undefined }, page);
  }
}

@Resolver(() => PartnerReference)
export class PartnerRateCardsResolver {
  @FieldResolver(() => RateCardConnection, { description: "The partner's rate cards (rating subgraph)." })
  rateCards(@Root() partner: PartnerReference, @Args() page: PageArgs, @Ctx() ctx: RatingContext) {
    return ctx.services.rateCards.list(ctx.principal, { partnerId: partner.id }, page);
  }
}
