import { Arg, Authorized, Ctx, Field, Float, ID, InputType, Int, Mutation, ObjectType, Query, registerEnumType, Resolver } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { BadUserInputError, Bound, Decimal, DecimalScalar, IdArg, MaxChars, Role, scopedPartnerFilter } from "@intersettle/shared";
import { RateDirection } from "../../entities";
import type { RatingContext } from "../context";

export enum ReportGrouping {
  PARTNER = "PARTNER",
  DESTINATION = "DESTINATION",
  DAY = "DAY",
}
registerEnumType(ReportGrouping, { name: "ReportGrouping" });

@InputType()
export class RerateInput {
  @Field(() => ID, { nullable: true, description: "Calls of this partner (either leg) and unrated calls; unset: every call in the period." }) @MaxChars(Bound.ID) partnerId?: string;
  @Field() from: Date;
  @Field() to: Date;
  @Field({ defaultValue: false, description: "Only calls still UNRATED (after fixing a mapping or a rate)." }) unratedOnly: boolean;
}

@ObjectType({ description: "A re-rating run: how many calls, and revenue and cost before and after." })
export class RerateJob {
  @Field(() => ID) id: string;
  @Field() status: string;
  @Field(() => Int) calls: number;
  @Field(() => Int, { description: "Calls whose status or amounts changed." }) changed: number;
  @Field(() => [GraphQLJSONObject], { description: "{ side, currency, amount } per currency." }) totalsBefore: object[];
  @Field(() => [GraphQLJSONObject]) totalsAfter: object[];
}

@ObjectType({ description: "Usage of one destination at one rate, for invoicing." })
export class UsageLine {
  @Field() destination: string;
  @Field() prefix: string;
  @Field(() => DecimalScalar, { description: "Price per unit of the first stretch." }) rate: Decimal;
  @Field(() => Int, { description: "Card version the rate came from." }) rateVersion: number;
  @Field() currency: string;
  @Field(() => Int) calls: number;
  @Field(() => Float) minutes: number;
  @Field(() => DecimalScalar, { description: "Sum of the amounts as charged per CDR." }) amount: Decimal;
  @Field(() => DecimalScalar, { description: "Sum of the exact amounts, for per-invoice-line rounding." }) exactAmount: Decimal;
}

@ObjectType()
export class TrafficReportRow {
  @Field() key: string;
  @Field(() => Int) attempts: number;
  @Field(() => Int) answered: number;
  @Field(() => Float) minutes: number;
  @Field(() => Float, { nullable: true }) asr: number | null;
  @Field(() => Float, { nullable: true, description: "Seconds." }) acd: number | null;
  @Field(() => DecimalScalar, { description: "Base currency." }) revenue: Decimal;
  @Field(() => DecimalScalar, { description: "Base currency." }) cost: Decimal;
  @Field(() => DecimalScalar, { description: "Base currency." }) margin: Decimal;
}

@ObjectType({ description: "Where money leaks: calls not billed, answered calls billed at zero, calls sold below cost." })
export class LeakageReport {
  @Field(() => [GraphQLJSONObject], { description: "{ reason, calls, minutes } of UNRATED calls." }) unrated: object[];
  @Field(() => Int) answeredAtZero: number;
  @Field(() => Int) negativeMarginCalls: number;
  @Field(() => DecimalScalar, { description: "Base currency lost on calls sold below cost." }) negativeMargin: Decimal;
}

@Resolver()
export class ReportsResolver {
  @Authorized(Role.OPERATOR)
  @Mutation(() => RerateJob, { description: "Re-rate a period after a rate correction or a mapping fix; traffic aggregates follow." })
  async rerateCalls(@Arg("input") input: RerateInput, @Ctx() ctx: RatingContext): Promise<RerateJob> {
    if (input.to <= input.from) throw new BadUserInputError([{ field: "to", message: "must be after from" }]);
    const job = (await ctx.services.rerating.rerate(ctx.principal, input)) as Record<string, any>;
    return { id: job.id, status: job.status, calls: job.calls, changed: job.changed, totalsBefore: job.totals_before, totalsAfter: job.totals_after };
  }

  @Authorized()
  @Query(() => [UsageLine], { description: "A partner's rated usage in a period, by destination and rate: SELL (we bill) or BUY (we pay)." })
  async usageSummary(
    @IdArg("partnerId") partnerId: string,
    @Arg("direction", () => RateDirection) direction: RateDirection,
    @Arg("from") from: Date,
    @Arg("to") to: Date,
    @Ctx() ctx: RatingContext,
  ): Promise<UsageLine[]> {
    scopedPartnerFilter(ctx.principal, partnerId);
    if (to <= from) throw new BadUserInputError([{ field: "to", message: "must be after from" }]);
    const rows = await ctx.services.usage.summary(partnerId, direction === RateDirection.SELL ? "CUSTOMER" : "VENDOR", from, to);
    return rows.map((r) => ({ destination: r.destination, prefix: r.prefix, rate: new Decimal(r.rate), rateVersion: r.version, currency: r.currency, calls: r.calls, minutes: r.seconds / 60, amount: new Decimal(r.amount), exactAmount: new Decimal(r.exact) }));
  }

  @Authorized(Role.VIEWER)
  @Query(() => [TrafficReportRow], { description: "Traffic, revenue, cost and margin in the base currency, by partner, destination or day (UTC)." })
  async trafficReport(@Arg("groupBy", () => ReportGrouping) groupBy: ReportGrouping, @Arg("from") from: Date, @Arg("to") to: Date, @Ctx() ctx: RatingContext): Promise<TrafficReportRow[]> {
    const key = groupBy === ReportGrouping.PARTNER ? "partner_id::text" : groupBy === ReportGrouping.DESTINATION ? "destination" : "to_char(hour, 'YYYY-MM-DD')";
    // Customer rows carry each call once with its revenue and cost; vendor rows would count calls twice.
    const rows = (await ctx.services.dataSource.query(
      `SELECT ${key} AS key, sum(attempts)::int AS attempts, sum(answered)::int AS answered, sum(seconds)::bigint AS seconds,
              sum(revenue_base)::text AS revenue, sum(cost_base)::text AS cost
         FROM rating.traffic_hourly WHERE hour >= $1 AND hour < $2 AND (role = 'CUSTOMER' OR $3)
        GROUP BY 1 ORDER BY 1`,
      [from, to, groupBy === ReportGrouping.PARTNER],
    )) as Array<{ key: string; attempts: number; answered: number; seconds: string; revenue: string; cost: string }>;
    return rows.map((r) => ({
      key: r.key,
      attempts: r.attempts,
      answered: r.answered,
      minutes: Number(r.seconds) / 60,
      asr: r.attempts ? r.answered / r.attempts : null,
      acd: r.answered ? Number(r.seconds) / r.answered : null,
      revenue: new Decimal(r.revenue),
      cost: new Decimal(r.cost),
      margin: new Decimal(r.revenue).minus(r.cost),
    }));
  }

  @Authorized(Role.VIEWER)
  @Query(() => LeakageReport)
  async leakageReport(@Arg("from") from: Date, @Arg("to") to: Date, @Ctx() ctx: RatingContext): Promise<LeakageReport> {
    const db = ctx.services.dataSource;
    const unrated = (await db.query(
      `SELECT split_part(unrated_reason, ':', 1) AS reason, count(*)::int AS calls, round(sum(duration) / 60.0, 2)::float AS minutes
         FROM rating.rated_cdr WHERE status = 'UNRATED' AND start_time >= $1 AND start_time < $2 GROUP BY 1 ORDER BY 2 DESC`,
      [from, to],
    )) as object[];
    const [row] = (await db.query(
      `SELECT count(*) FILTER (WHERE billable AND customer_id IS NOT NULL AND revenue = 0)::int AS zero,
              count(*) FILTER (WHERE revenue_base < cost_base)::int AS negative,
              coalesce(sum(cost_base - revenue_base) FILTER (WHERE revenue_base < cost_base), 0)::text AS lost
         FROM rating.rated_cdr WHERE status = 'RATED' AND start_time >= $1 AND start_time < $2`,
      [from, to],
    )) as Array<{ zero: number; negative: number; lost: string }>;
    return { unrated, answeredAtZero: row.zero, negativeMarginCalls: row.negative, negativeMargin: new Decimal(row.lost) };
  }
}
