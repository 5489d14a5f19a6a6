import { Arg, Authorized, Ctx, Field, Float, ID, Int, ObjectType, Query, registerEnumType, Resolver } from "type-graphql";
import { GraphQLJSONObject, GraphQLSafeInt } from "graphql-scalars";
import { Decimal, DecimalScalar, IdArg, Role } from "@intersettle/shared";
import { RateDirection, RatedService } from "../../entities";
import type { RatingContext } from "../context";

export enum ReportGrouping {
  PARTNER = "PARTNER",
  DESTINATION = "DESTINATION",
  DAY = "DAY",
}
registerEnumType(ReportGrouping, { name: "ReportGrouping" });

@ObjectType({ description: "Usage of one service and destination at one rate, for invoicing: VOICE is billed by its seconds, SMS, MMS and DATA by their units." })
export class UsageLine {
  @Field(() => RatedService) service: RatedService;
  @Field() destination: string;
  @Field() prefix: string;
  @Field(() => DecimalScalar, { description: "Price per unit of the first stretch." }) rate: Decimal;
  @Field(() => Int, { description: "Card version the rate came from." }) rateVersion: number;
  @Field() currency: string;
  @Field(() => Int) calls: number;
  // Past 32 bits within a period on a busy route (2^31 seconds is 36M minutes, 2^31 KB is 2 TB): whole numbers up to 2^53.
  @Field(() => GraphQLSafeInt, { description: "Duration of the billable calls in whole seconds, as recorded (before billing increments)." }) seconds: number;
  @Field(() => GraphQLSafeInt, { description: "The quantity the calls were rated on, as recorded (before billing increments): seconds for VOICE, messages for SMS and MMS, KB for DATA." }) units: number;
  @Field(() => Float, { description: "seconds / 60, for display; bill from seconds." }) minutes: number;
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
  @Authorized()
  @Query(() => [UsageLine], { description: "A partner's rated usage in a period, by service, destination and rate: SELL (we bill) or BUY (we pay)." })
  usageSummary(
    @IdArg("partnerId") partnerId: string,
    @Arg("direction", () => RateDirection) direction: RateDirection,
    @Arg("from") from: Date,
    @Arg("to") to: Date,
    @Ctx() ctx: RatingContext,
  ): Promise<UsageLine[]> {
    return ctx.services.usage.lines(ctx.principal, partnerId, direction === RateDirection.SELL ? "CUSTOMER" : "VENDOR", from, to);
  }

  @Authorized(Role.VIEWER)
  @Query(() => [TrafficReportRow], { description: "Traffic, revenue, cost and margin in the base currency, by partner, destination or day (UTC)." })
  trafficReport(@Arg("groupBy", () => ReportGrouping) groupBy: ReportGrouping, @Arg("from") from: Date, @Arg("to") to: Date, @Ctx() ctx: RatingContext): Promise<TrafficReportRow[]> {
    return ctx.services.reports.trafficReport(groupBy, from, to);
  }

  @Authorized(Role.VIEWER)
  @Query(() => LeakageReport)
  leakageReport(@Arg("from") from: Date, @Arg("to") to: Date, @Ctx() ctx: RatingContext): Promise<LeakageReport> {
    return ctx.services.reports.leakageReport(from, to);
  }
}
