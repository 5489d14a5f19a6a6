import { Arg, Args, Authorized, Ctx, Field, FieldResolver, Float, ID, InputType, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Bound, Connection, Decimal, DecimalScalar, fetchPage, MaxChars, PageArgs, scopedPartnerFilter, type Principal } from "@intersettle/shared";
import { IngestionJob, RatedCdr, TrafficHour } from "../../entities";
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

/** A partner reading a transit call sees its own leg only: never what the other party pays or is paid. */
function ownLegOnly(principal: Principal, cdr: RatedCdr): RatedCdr {
  if (principal.kind !== "partner") return cdr;
  const own = principal.partnerId;
  const out = { ...cdr };
  if (cdr.customerId !== own) Object.assign(out, { customerId: null, customerVersion: null, revenue: null, revenueCurrency: null, revenueBase: null });
  if (cdr.vendorId !== own) Object.assign(out, { vendorId: null, vendorVersion: null, cost: null, costCurrency: null, costBase: null });
  return out;
}

@Resolver(() => RatedCdr)
export class RatedCdrResolver {
  @Authorized()
  @Query(() => RatedCdrConnection, { description: "Rated and unrated calls, by start time; a partner key sees calls it took part in, its own leg only." })
  async ratedCdrs(@Arg("filter", () => RatedCdrFilter, { nullable: true }) filter: RatedCdrFilter | null, @Args() page: PageArgs, @Ctx() ctx: RatingContext) {
    const f = filter ?? {};
    const partnerId = scopedPartnerFilter(ctx.principal, f.partnerId);
    const q = ctx.services.dataSource.getRepository(RatedCdr).createQueryBuilder("c");
    if (partnerId) q.andWhere("(c.customer_id = :p OR c.vendor_id = :p)", { p: partnerId });
    if (f.jobId) {
      // The job's span bounds its calls on the time-ordered key; an unknown job has none.
      const job = await ctx.services.dataSource.getRepository(IngestionJob).findOneBy({ id: f.jobId });
      q.andWhere("c.job_id = :jobId AND c.start_time BETWEEN :first AND :last", { jobId: f.jobId, first: job?.firstCallAt ?? new Date(0), last: job?.lastCallAt ?? new Date(0) });
    }
    if (f.status) q.andWhere("c.status = :status", { status: f.status });
    if (f.from) q.andWhere("c.start_time >= :from", { from: f.from });
    if (f.to) q.andWhere("c.start_time < :to", { to: f.to });
    const result = await fetchPage(q, page, [
      { column: "c.start_time", value: (c) => c.start },
      { column: "c.source_id", value: (c) => c.sourceId },
      { column: "c.call_id", value: (c) => c.callId },
    ]);
    return { ...result, edges: result.edges.map((e) => ({ ...e, node: ownLegOnly(ctx.principal, e.node) })) };
  }
}

@Resolver(() => TrafficHour)
export class TrafficResolver {
  @Authorized()
  @Query(() => TrafficHourConnection, { description: "Traffic per partner, role, destination and hour; a partner key sees its own." })
  traffic(@Arg("filter", () => TrafficFilter, { nullable: true }) filter: TrafficFilter | null, @Args() page: PageArgs, @Ctx() ctx: RatingContext) {
    const f = filter ?? {};
    const partnerId = scopedPartnerFilter(ctx.principal, f.partnerId);
    const q = ctx.services.dataSource.getRepository(TrafficHour).createQueryBuilder("t");
    if (partnerId) q.andWhere("t.partner_id = :p", { p: partnerId });
    if (f.role) q.andWhere("t.role = :role", { role: f.role });
    if (f.from) q.andWhere("t.hour >= :from", { from: f.from });
    if (f.to) q.andWhere("t.hour < :to", { to: f.to });
    return fetchPage(q, page, [
      { column: "t.hour", value: (t) => t.hour },
      { column: "t.partner_id", value: (t) => t.partnerId },
      { column: "t.role", value: (t) => t.role },
      { column: "t.destination", value: (t) => t.destination },
      { column: "t.currency", value: (t) => t.currency },
    ]);
  }

  @FieldResolver(() => Float, { description: "Billed minutes." })
  minutes(@Root() t: TrafficHour): number {
    return t.seconds / 60;
  }

  @FieldResolver(() => Float, { nullable: true, description: "Answer-seizure ratio, answered ÷ attempts." })
  asr(@Root() t: TrafficHour): number | null {
    return t.attempts ? t.answered / t.attempts : null;
  }

  @FieldResolver(() => Float, { nullable: true, description: "Average call duration of answered calls, seconds." })
  acd(@Root() t: TrafficHour): number | null {
    return t.answered ? t.seconds / t.answered : null;
  }

  @FieldResolver(() => DecimalScalar, { description: "Revenue (CUSTOMER) or cost (VENDOR) in the card currency." })
  amount(@Root() t: TrafficHour): Decimal {
    return new Decimal(t.amount);
  }

  @FieldResolver(() => DecimalScalar, { nullable: true, description: "Revenue less cost of these calls, in the hub's base currency; hidden from partners." })
  margin(@Root() t: TrafficHour, @Ctx() ctx: RatingContext): Decimal | null {
    return ctx.principal.kind === "partner" ? null : new Decimal(t.revenueBase).minus(t.costBase);
  }
}
