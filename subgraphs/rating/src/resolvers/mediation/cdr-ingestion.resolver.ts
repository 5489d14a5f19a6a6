import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { CdrFormat, type CdrLayout } from "@intersettle/shared";
import { GraphQLJSONObject } from "graphql-scalars";
import { Bound, BoundedArg, Connection, Decimal, DecimalScalar, IdArg, MaxChars, MaxItems, MaxJsonChars, PageArgs, Role } from "@intersettle/shared";
import { CdrSource, IngestionJob, QuarantinedCdr, TrunkMappingEntity } from "../../entities";
import type { RatingContext } from "../context";

@ObjectType()
export class IngestionJobConnection extends Connection(IngestionJob) {}

@ObjectType()
export class QuarantinedCdrConnection extends Connection(QuarantinedCdr) {}

@ObjectType({ description: "Revenue (customer legs) or cost (vendor legs) of a job in one currency." })
export class JobTotal {
  @Field({ description: "REVENUE or COST" }) side: string;
  @Field() currency: string;
  @Field(() => DecimalScalar) amount: Decimal;
}

@InputType()
export class CdrSourceInput {
  @Field() @MaxChars(Bound.NAME) code: string;
  @Field() @MaxChars(Bound.NAME) name: string;
  @Field(() => CdrFormat) format: CdrFormat;
  @Field(() => GraphQLJSONObject, { nullable: true, description: "CUSTOM only: { delimiter, header, columns: { start, duration, bNumber, … }, dateFormat, durationUnit }" }) @MaxJsonChars(Bound.JSON) layout?: CdrLayout | null;
  @Field({ description: "IANA zone the switch's clock writes in." }) @MaxChars(Bound.NAME) timezone: string;
  @Field(() => String, { nullable: true }) @MaxChars(Bound.NAME) technicalPrefix?: string | null;
  @Field(() => String, { nullable: true, description: "Country code for national numbers, e.g. 44." }) @MaxChars(Bound.NAME) countryCode?: string | null;
  @Field(() => String, { nullable: true, description: "National trunk prefix, e.g. 0." }) @MaxChars(Bound.NAME) nationalPrefix?: string | null;
  @Field(() => String, { nullable: true, description: "International prefix besides 00 and +, e.g. 011." }) @MaxChars(Bound.NAME) internationalPrefix?: string | null;
  @Field(() => [String], { defaultValue: ["ANSWERED"] }) @MaxItems(20) @MaxChars(Bound.NAME) billableDispositions: string[];
  @Field(() => Int, { defaultValue: 1, description: "The shortest billable voice call, in seconds; messages and data bill whatever their duration." }) minBillableSeconds: number;
  @Field(() => String, { nullable: true }) @MaxChars(Bound.TEXT) dropFolder?: string | null;
}

@InputType()
export class TrunkMappingInput {
  @Field(() => ID) @MaxChars(Bound.ID) sourceId: string;
  @Field({ description: "INGRESS, EGRESS or BOTH" }) @MaxChars(Bound.NAME) side: string;
  @Field({ description: "TRUNK (trunk, channel or IP), ACCOUNT or DEFAULT (every call of the source)" }) @MaxChars(Bound.NAME) match: string;
  @Field({ defaultValue: "" }) @MaxChars(Bound.NAME) value: string;
  @Field(() => ID, { nullable: true, description: "null: our own network." }) @MaxChars(Bound.ID) partnerId?: string | null;
}

@InputType()
export class IngestCdrsInput {
  @Field({ description: "Source id or code." }) @MaxChars(Bound.NAME) source: string;
  @Field() @MaxChars(Bound.NAME) fileName: string;
  @Field({ description: "The records, in the source's format; larger files go through POST /files/rating/cdrs." }) @MaxChars(Bound.FILE) content: string;
}

@Resolver(() => CdrSource)
export class CdrSourceResolver {
  @Authorized(Role.OPERATOR)
  @Mutation(() => CdrSource)
  createCdrSource(@Arg("input") input: CdrSourceInput, @Ctx() ctx: RatingContext) {
    return ctx.services.cdrSources.create(ctx.principal, {
      ...input,
      layout: input.layout ?? null,
      technicalPrefix: input.technicalPrefix ?? null,
      countryCode: input.countryCode ?? null,
      nationalPrefix: input.nationalPrefix ?? null,
      internationalPrefix: input.internationalPrefix ?? null,
      dropFolder: input.dropFolder ?? null,
    });
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => TrunkMappingEntity)
  addTrunkMapping(@Arg("input") input: TrunkMappingInput, @Ctx() ctx: RatingContext) {
    return ctx.services.cdrSources.addMapping(ctx.principal, input.sourceId, { side: input.side as never, match: input.match as never, value: input.value, partnerId: input.partnerId ?? null });
  }

  @Authorized(Role.VIEWER)
  @Query(() => [CdrSource])
  cdrSources(@Ctx() ctx: RatingContext) {
    return ctx.services.cdrSources.list();
  }

  @Authorized(Role.VIEWER)
  @Query(() => CdrSource)
  cdrSource(@BoundedArg("code", { maxLength: Bound.NAME }) code: string, @Ctx() ctx: RatingContext) {
    return ctx.services.cdrSources.get(code);
  }

  @FieldResolver(() => [TrunkMappingEntity])
  trunkMappings(@Root() source: CdrSource, @Ctx() ctx: RatingContext) {
    return ctx.services.cdrSources.mappingsOf(source.id);
  }
}

@Resolver(() => IngestionJob)
export class IngestionJobResolver {
  @Authorized(Role.OPERATOR)
  @Mutation(() => IngestionJob, { description: "Ingest a small batch of CDRs given inline. A job that fails is returned FAILED with its error; sending the same content again resumes it." })
  ingestCdrs(@Arg("input") input: IngestCdrsInput, @Ctx() ctx: RatingContext) {
    return ctx.services.ingestion.ingestContent(ctx.principal, input);
  }

  @Authorized(Role.VIEWER)
  @Query(() => IngestionJob)
  ingestionJob(@IdArg("id") id: string, @Ctx() ctx: RatingContext) {
    return ctx.services.jobs.get(id);
  }

  @Authorized(Role.VIEWER)
  @Query(() => IngestionJobConnection)
  ingestionJobs(@IdArg("sourceId", { nullable: true }) sourceId: string | null, @Args() page: PageArgs, @Ctx() ctx: RatingContext) {
    return ctx.services.jobs.list(sourceId ?? undefined, page);
  }

  @FieldResolver(() => [JobTotal])
  totals(@Root() job: IngestionJob, @Ctx() ctx: RatingContext): Promise<JobTotal[]> {
    return ctx.services.jobs.totals(job.id);
  }

  @FieldResolver(() => QuarantinedCdrConnection)
  quarantine(@Root() job: IngestionJob, @Args() page: PageArgs, @Ctx() ctx: RatingContext) {
    return ctx.services.jobs.quarantine(job, page);
  }
}
