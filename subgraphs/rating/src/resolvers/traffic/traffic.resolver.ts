import { Arg, Args, Authorized, Ctx, Field, FieldResolver, Float, ID, InputType, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Bound, Connection, Decimal, DecimalScalar, MaxChars, PageArgs } from "@intersettle/shared";
import { RatedCdr, TrafficHour } from "../../entities";
import { answerSeizureRatio, averageCallDuration, marginOf, minutesOf } from "../../domain/traffic/traffic-figures";
import type { RatingContext } from "../context";

@ObjectType()
export class RatedCdrConnection extends Connection(RatedCdr) {}

@ObjectType()
export class TrafficHourConnection extends Connection(TrafficHour) {}

@InputType()
export class RatedCdrFilter {
  @Field(() => ID, { nullable: true }) @MaxChars(Bound.ID) partnerId?: string;
  @Field(() => ID, { nullable: true }) @MaxChars(Bound.ID) jobId?: string;
  @Field({ nullable: true, description: "RATED or UNRATED" }) @MaxChars(Bound.NAME) status?: string;
  @Field({ nullable: true }) from?: Date;
  @Field({ nullable: true }) to?: Date;
}

@InputType()
export class TrafficFilter {
  @Field(() => ID, { nullable: true }) @MaxChars(Bound.ID) partnerId?: string;
  @Field({ nullable: true, description: "CUSTOMER or VENDOR" }) @MaxChars(Bound.NAME) role?: string;
  @Field({ nullable: true }) from?: Date;
  @Field({ nullable: true }) to?: Date;
}

@Resolver(() => RatedCdr)
export class RatedCdrResolver {
  @FieldResolver(() => Boolean, { description: "A partner of the call was BLOCKED when it was rated: stored and rated all the same, and marked. A partner sees its own leg's mark." })
  blocked(@Root() c: RatedCdr): boolean {
    return c.customerBlocked === true || c.vendorBlocked === true;
  }

  @Authorized()
  @Query(() => RatedCdrConnection, { description: "Rated and unrated calls, by start time; a partner key sees calls it took part in, its own leg only." })
  ratedCdrs(@Arg("filter", () => RatedCdrFilter, { nullable: true }) filter: RatedCdrFilter | null, @Args() page: PageArgs, @Ctx() ctx: RatingContext) {
    return ctx.services.calls.ratedCdrs(ctx.principal, filter ?? {}, page);
  }
}

@Resolver(() => TrafficHour)
export class TrafficResolver {
  @Authorized()
  @Query(() => TrafficHourConnection, { description: "Traffic per partner, role, destination and hour; a partner key sees its own." })
  traffic(@Arg("filter", () => TrafficFilter, { nullable: true }) filter: TrafficFilter | null, @Args() page: PageArgs, @Ctx() ctx: RatingContext) {
    return ctx.services.calls.traffic(ctx.principal, filter ?? {}, page);
  }

  @FieldResolver(() => Float, { description: "Billed minutes." })
  minutes(@Root() t: TrafficHour): number {
    return minutesOf(t.seconds);
  }

  @FieldResolver(() => Float, { nullable: true, description: "Answer-seizure ratio, answered ÷ attempts." })
  asr(@Root() t: TrafficHour): number | null {
    return answerSeizureRatio(t);
  }

  @FieldResolver(() => Float, { nullable: true, description: "Average call duration of answered calls, seconds." })
  acd(@Root() t: TrafficHour): number | null {
    return averageCallDuration(t);
  }

  @FieldResolver(() => DecimalScalar, { description: "Revenue (CUSTOMER) or cost (VENDOR) in the card currency." })
  amount(@Root() t: TrafficHour): Decimal {
    return new Decimal(t.amount);
  }

  @FieldResolver(() => DecimalScalar, { nullable: true, description: "Revenue less cost of these calls, in the hub's base currency; hidden from partners." })
  margin(@Root() t: TrafficHour): Decimal | null {
    return marginOf(t.revenueBase, t.costBase);
  }
}
