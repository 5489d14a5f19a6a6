import { Args, Authorized, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { BoundedArg, Connection, IdArg, PageArgs, Role } from "@intersettle/shared";
import { ContentIngestionJob, QuarantinedContentTransaction } from "../../entities/transactions";
import type { RevenueShareContext } from "../context";
import { ContentTransactionInput, recordValues } from "./content-transaction.inputs";

@ObjectType()
export class ContentIngestionJobConnection extends Connection(ContentIngestionJob) {}

@ObjectType()
export class QuarantinedContentTransactionConnection extends Connection(QuarantinedContentTransaction) {}

/** The most records one GraphQL batch takes; files go through POST /files/revenue-share/transactions. */
const MAX_BATCH = 1000;

@Resolver(() => ContentIngestionJob)
export class ContentIngestionResolver {
  @Authorized(Role.OPERATOR)
  @Mutation(() => ContentIngestionJob, { description: `Ingests up to ${MAX_BATCH} transactions given inline, checked like a file's rows (a reject's line is its record number). Sending the same batch again counts duplicates.` })
  ingestContentTransactions(
    @IdArg("sourceId", { description: "The content source's id or code." }) sourceId: string,
    @BoundedArg("records", { maxItems: MAX_BATCH }, () => [ContentTransactionInput]) records: ContentTransactionInput[],
    @Ctx() ctx: RevenueShareContext,
  ) {
    return ctx.services.transactions.ingestion.ingestRecords(ctx.principal, sourceId, records.map(recordValues));
  }

  @Authorized(Role.VIEWER)
  @Query(() => ContentIngestionJob)
  contentIngestionJob(@IdArg("id") id: string, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.transactions.jobs.get(id);
  }

  @Authorized(Role.VIEWER)
  @Query(() => ContentIngestionJobConnection)
  contentIngestionJobs(@IdArg("sourceId", { nullable: true }) sourceId: string | null, @Args() page: PageArgs, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.transactions.jobs.list(sourceId ?? undefined, page);
  }

  @Authorized(Role.VIEWER)
  @Query(() => QuarantinedContentTransactionConnection, { description: "A job's rejected records in line order, with field and reason." })
  async contentQuarantine(@IdArg("jobId") jobId: string, @Args() page: PageArgs, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.transactions.jobs.quarantine(await ctx.services.transactions.jobs.get(jobId), page);
  }

  @FieldResolver(() => QuarantinedContentTransactionConnection)
  quarantine(@Root() job: ContentIngestionJob, @Args() page: PageArgs, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.transactions.jobs.quarantine(job, page);
  }
}
