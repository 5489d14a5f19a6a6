import { Arg, Authorized, Ctx, Field, Int, ObjectType, Query, Resolver } from "type-graphql";
import { Decimal, DecimalScalar, IdArg } from "@intersettle/shared";
import { DISPUTE_AGE_BUCKETS, type DisputeAgeBucket, type DisputeAgeingRow, type DisputeSummaryRow } from "../../domain";
import type { InvoicingContext } from "../context";

@ObjectType({ description: "One partner's disputes in one currency: how much was disputed, recovered and written off." })
export class DisputeSummaryType {
  @Field() partnerId: string;
  @Field() currency: string;
  @Field(() => Int) disputes: number;
  @Field(() => Int, { description: "Not yet RESOLVED." }) unresolved: number;
  @Field(() => DecimalScalar, { description: "Sum of |theirs − ours|." }) disputed: Decimal;
  @Field(() => DecimalScalar, { description: "Of resolved disputes, what our figure kept (in our favour)." }) recovered: Decimal;
  @Field(() => DecimalScalar, { description: "Of resolved disputes, what we gave way on to the partner's figure." }) writtenOff: Decimal;
}

@ObjectType({ description: "Unresolved disputes opened that many days ago." })
export class DisputeAgeBucketType {
  @Field(() => String, { description: "DAYS_0_30, DAYS_31_60, DAYS_61_90 or DAYS_OVER_90." }) bucket: DisputeAgeBucket;
  @Field(() => Int) disputes: number;
  @Field(() => DecimalScalar) disputed: Decimal;
}

@ObjectType({ description: "One partner's unresolved disputes in one currency by age." })
export class DisputeAgeingType {
  @Field() partnerId: string;
  @Field() currency: string;
  @Field(() => [DisputeAgeBucketType]) buckets: DisputeAgeBucketType[];
  @Field(() => DecimalScalar) total: Decimal;
}

const ageingRow = (row: DisputeAgeingRow): DisputeAgeingType => ({
  partnerId: row.partnerId,
  currency: row.currency,
  buckets: DISPUTE_AGE_BUCKETS.map((bucket) => ({ bucket, disputes: row.counts[bucket], disputed: row.amounts[bucket] })),
  total: row.total,
});

@Resolver()
export class DisputeReportsResolver {
  @Authorized()
  @Query(() => [DisputeSummaryType], { description: "Disputes of periods starting in [periodFrom, periodTo), per partner and currency; a partner key sees its own." })
  async disputeSummary(@Arg("periodFrom") periodFrom: Date, @Arg("periodTo") periodTo: Date, @IdArg("partnerId", { nullable: true }) partnerId: string | null, @Ctx() ctx: InvoicingContext): Promise<DisputeSummaryRow[]> {
    return ctx.services.disputeQueries.summary(ctx.principal, periodFrom, periodTo, partnerId);
  }

  @Authorized()
  @Query(() => [DisputeAgeingType], { description: "Unresolved disputes by days since opened (0–30, 31–60, 61–90, over 90) at `asOf` (now when absent)." })
  async disputeAgeing(@Arg("asOf", () => Date, { nullable: true }) asOf: Date | null, @IdArg("partnerId", { nullable: true }) partnerId: string | null, @Ctx() ctx: InvoicingContext): Promise<DisputeAgeingType[]> {
    return (await ctx.services.disputeQueries.ageing(ctx.principal, asOf ?? new Date(), partnerId)).map(ageingRow);
  }
}
