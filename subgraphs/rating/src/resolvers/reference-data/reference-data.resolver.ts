import { Arg, Args, Authorized, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { Bound, BoundedArg, Connection, Decimal, DecimalScalar, isIsoDate, MaxChars, NotFoundError, PageArgs, Role, BadUserInputError } from "@intersettle/shared";
import { Destination, ExchangeRate } from "../../entities";
import type { RatingContext } from "../context";

@ObjectType()
export class ExchangeRateConnection extends Connection(ExchangeRate) {}

@ObjectType()
export class DestinationConnection extends Connection(Destination) {}

@InputType()
export class ExchangeRateInput {
  @Field() @MaxChars(Bound.NAME) base: string;
  @Field() @MaxChars(Bound.NAME) quote: string;
  @Field(() => DecimalScalar, { description: "1 base = rate quote." }) rate: Decimal;
  @Field({ description: "YYYY-MM-DD" }) @MaxChars(Bound.NAME) effectiveDate: string;
}

@ObjectType()
export class ConvertedAmount {
  @Field(() => DecimalScalar) amount: Decimal;
  @Field() currency: string;
  @Field(() => DecimalScalar, { description: "Exact; round where the invoice says." }) converted: Decimal;
  @Field() convertedCurrency: string;
  @Field() on: string;
}

@Resolver()
export class ReferenceDataResolver {
  @Authorized(Role.OPERATOR)
  @Mutation(() => ExchangeRate)
  setExchangeRate(@Arg("input") input: ExchangeRateInput, @Ctx() ctx: RatingContext) {
    return ctx.services.fx.set(ctx.principal, { ...input, base: input.base.toUpperCase(), quote: input.quote.toUpperCase() });
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Int, { description: "CSV with a header base,quote,rate,effective_date; returns the rows stored." })
  importExchangeRates(@BoundedArg("csv", { maxLength: Bound.FILE }) csv: string, @Ctx() ctx: RatingContext) {
    return ctx.services.fx.importCsv(ctx.principal, csv);
  }

  @Authorized()
  @Query(() => ExchangeRateConnection)
  exchangeRates(@BoundedArg("base", { maxLength: Bound.NAME }, () => String, { nullable: true }) base: string | null, @BoundedArg("quote", { maxLength: Bound.NAME }, () => String, { nullable: true }) quote: string | null, @Args() page: PageArgs, @Ctx() ctx: RatingContext) {
    return ctx.services.fx.list({ base: base ?? undefined, quote: quote ?? undefined }, page);
  }

  @Authorized()
  @Query(() => ConvertedAmount, { description: "Converts with the rates in force on a date (direct, inverse, or across the hub's base currency)." })
  async convertAmount(@Arg("amount", () => DecimalScalar) amount: Decimal, @BoundedArg("from", { maxLength: Bound.NAME }) from: string, @BoundedArg("to", { maxLength: Bound.NAME }) to: string, @BoundedArg("on", { maxLength: Bound.NAME }) on: string, @Ctx() ctx: RatingContext): Promise<ConvertedAmount> {
    if (!isIsoDate(on)) throw new BadUserInputError([{ field: "on", message: `'${on}' is not a date (YYYY-MM-DD)` }]);
    const converted = await ctx.services.fx.convert(amount, from.toUpperCase(), to.toUpperCase(), on);
    if (!converted) throw new NotFoundError("ExchangeRate", `${from}/${to} on ${on}`);
    return { amount, currency: from.toUpperCase(), converted, convertedCurrency: to.toUpperCase(), on };
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Int, { description: "CSV with a header prefix,country,operator,region,type; returns the rows stored." })
  importDestinations(@BoundedArg("csv", { maxLength: Bound.FILE }) csv: string, @Ctx() ctx: RatingContext) {
    return ctx.services.destinations.importCsv(ctx.principal, csv);
  }

  @Authorized()
  @Query(() => DestinationConnection)
  destinations(@BoundedArg("search", { maxLength: Bound.NAME }, () => String, { nullable: true }) search: string | null, @Args() page: PageArgs, @Ctx() ctx: RatingContext) {
    return ctx.services.destinations.list(search ?? undefined, page);
  }

  @Authorized()
  @Query(() => Destination, { nullable: true })
  destinationForNumber(@BoundedArg("number", { maxLength: Bound.NAME }) number: string, @Ctx() ctx: RatingContext) {
    return ctx.services.destinations.forNumber(number);
  }
}
