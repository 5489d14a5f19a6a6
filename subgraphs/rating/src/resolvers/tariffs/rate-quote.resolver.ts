import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Bound, BoundedArg, Decimal, DecimalScalar, DEFAULT_MAX_CALL_SECONDS, IdArg } from "@intersettle/shared";
import { Destination, PricePlan, RatedService, RateDirection } from "../../entities";
import type { RateQuoteResult } from "../../services/tariffs/rate-quote.service";
import type { RatingContext } from "../context";

@ObjectType({ description: "A stretch of the call priced at one band's rate." })
export class QuotePiece {
  @Field(() => String, { nullable: true, description: "Time band; null: the all-times rate." })
  band: string | null;

  @Field(() => Int, { description: "Seconds (voice), messages or KB." })
  quantity: number;

  @Field(() => DecimalScalar, { description: "Per minute, message or MB." })
  rate: Decimal;

  @Field(() => DecimalScalar, { description: "Exact." })
  amount: Decimal;
}

@ObjectType()
export class QuoteRounding {
  @Field(() => Int)
  decimals: number;

  @Field({ description: "HALF_UP, HALF_EVEN, UP or DOWN" })
  mode: string;

  @Field({ description: "True when the owner rounds every CDR; otherwise amounts stay exact until the invoice line." })
  perCdr: boolean;
}

@ObjectType({ description: "How a call would be priced: matched prefix, rate version, billed quantity, pieces and amounts." })
export class RateQuote {
  @Field(() => ID) rateCardId: string;
  @Field() number: string;
  @Field() start: Date;
  @Field(() => Int, { description: "Seconds, messages or KB asked about." }) quantity: number;
  @Field({ description: "False when no rate applies; see unratedReason." }) rated: boolean;
  @Field(() => String, { nullable: true, description: "NO_PREFIX_MATCH, NO_RATE_IN_FORCE or NO_RATE_FOR_BAND" }) unratedReason: string | null;
  @Field(() => String, { nullable: true }) matchedPrefix: string | null;
  @Field(() => String, { nullable: true }) destination: string | null;
  @Field(() => Int, { nullable: true, description: "The card version whose rate applied." }) rateVersion: number | null;
  @Field(() => Int) billedQuantity: number;
  @Field(() => DecimalScalar) connectFee: Decimal;
  @Field(() => [QuotePiece]) pieces: QuotePiece[];
  @Field(() => DecimalScalar, { description: "Charged per CDR: rounded when the owner rounds per CDR, else exact." }) amount: Decimal;
  @Field(() => DecimalScalar, { description: "Never rounded." }) exactAmount: Decimal;
  @Field() currency: string;
  @Field(() => QuoteRounding) rounding: QuoteRounding;
  @Field(() => PricePlan, { nullable: true, description: "The plan that chose the card (partnerRateQuote); null for a quote on a named card." }) pricePlan: PricePlan | null;
}

/** The default ceiling of a CDR's billable duration (a week): a quote asks about a call the hub would bill. */
const MAX_QUOTE_SECONDS = DEFAULT_MAX_CALL_SECONDS;
/** Messages, or KB of a data session (100 GB). */
const MAX_QUOTE_QUANTITY = 100_000_000;

@Resolver(() => RateQuote)
export class RateQuoteResolver {
  @Authorized()
  @Query(() => RateQuote, { description: "Check a rate: how a call (or SMS, MMS, data session) would be priced on a card. Partners may quote only their own cards." })
  async rateQuote(
    @IdArg("rateCardId") rateCardId: string,
    @BoundedArg("number", { maxLength: Bound.NAME }) number: string,
    @Arg("start", () => Date) start: Date,
    @BoundedArg("durationSeconds", { min: 0, max: MAX_QUOTE_SECONDS }, () => Int, { nullable: true, description: "Voice: seconds." }) durationSeconds: number | null,
    @BoundedArg("quantity", { min: 0, max: MAX_QUOTE_QUANTITY }, () => Int, { nullable: true, description: "SMS and MMS: messages; data: KB." }) quantity: number | null,
    @Ctx() ctx: RatingContext,
  ): Promise<RateQuote> {
    return rateQuoteOf(await ctx.services.quotes.quote(ctx.principal, rateCardId, number, start, Math.max(0, durationSeconds ?? quantity ?? 0)));
  }

  @Authorized()
  @Query(() => RateQuote, {
    description: "How a partner's call would be priced on the card its price plan in force at `at` chooses (as rating chooses it); the answer names the card and the plan. A partner quotes only itself.",
  })
  async partnerRateQuote(
    @IdArg("partnerId") partnerId: string,
    @Arg("direction", () => RateDirection) direction: RateDirection,
    @Arg("service", () => RatedService) service: RatedService,
    @BoundedArg("number", { maxLength: Bound.NAME }) number: string,
    @Arg("at", () => Date, { description: "The call's start." }) at: Date,
    @BoundedArg("quantity", { min: 0, max: MAX_QUOTE_QUANTITY }, () => Int, { nullable: true, description: "Voice: seconds; SMS and MMS: messages; data: KB." }) quantity: number | null,
    @IdArg("trunkMappingId", { nullable: true, description: "The trunk mapping the call would be seen on, for its overrides." }) trunkMappingId: string | null,
    @Ctx() ctx: RatingContext,
  ): Promise<RateQuote> {
    return rateQuoteOf(await ctx.services.quotes.partnerQuote(ctx.principal, { partnerId, direction, service, number, at, quantity: quantity ?? 0, trunkMappingId: trunkMappingId ?? null }));
  }

  @FieldResolver(() => Destination, { nullable: true, description: "The destination catalogue's entry for the number." })
  destinationInfo(@Root() quote: RateQuote, @Ctx() ctx: RatingContext) {
    return ctx.services.destinations.forNumber(quote.number);
  }
}

/** The GraphQL answer of a quote. */
function rateQuoteOf(q: RateQuoteResult): RateQuote {
  return {
    rateCardId: q.rateCardId,
    number: q.number,
    start: q.start,
    quantity: q.quantity,
    rated: q.unratedReason === null,
    unratedReason: q.unratedReason,
    matchedPrefix: q.prefix,
    destination: q.destination,
    rateVersion: q.version,
    billedQuantity: q.billedQuantity,
    connectFee: q.connectFee,
    pieces: q.pieces.map((p) => ({ band: p.band, quantity: p.quantity, rate: p.unitRate, amount: p.amount })),
    amount: q.amount,
    exactAmount: q.exactAmount,
    currency: q.currency,
    rounding: { decimals: q.rounding.decimals, mode: q.rounding.mode, perCdr: q.rounding.perCdr },
    pricePlan: q.pricePlan,
  };
}
