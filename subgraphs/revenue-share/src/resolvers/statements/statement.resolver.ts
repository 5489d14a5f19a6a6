import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Bound, BoundedArg, Connection, IdArg, MaxChars, PageArgs, Role } from "@intersettle/shared";
import { Statement, StatementLineEntity, StatementRun, StatementStatus } from "../../entities";
import { PartnerReference, partnerReference } from "../partner-reference";
import type { RevenueShareContext } from "../context";

@ObjectType()
export class StatementConnection extends Connection(Statement) {}

@ObjectType()
export class StatementLineConnection extends Connection(StatementLineEntity, "StatementLine") {}

@InputType()
export class StatementFilterInput {
  @Field(() => ID, { nullable: true }) @MaxChars(Bound.ID) partnerId?: string | null;
  @Field(() => StatementStatus, { nullable: true }) status?: StatementStatus | null;
  @Field(() => String, { nullable: true }) @MaxChars(Bound.NAME) currency?: string | null;
  @Field(() => String, { nullable: true, description: "A published statement's number." }) @MaxChars(Bound.NAME) number?: string | null;
  @Field(() => Date, { nullable: true, description: "Statements whose period starts at or after this instant." }) periodFrom?: Date | null;
  @Field(() => Date, { nullable: true, description: "…and before this one." }) periodTo?: Date | null;
}

const DATE = { maxLength: Bound.NAME };

@Resolver(() => Statement)
export class StatementResolver {
  @Authorized()
  @Query(() => StatementConnection, { description: "Revenue-share statements by period; a partner key sees its own." })
  statements(@Arg("filter", () => StatementFilterInput, { nullable: true }) filter: StatementFilterInput | null, @Args() page: PageArgs, @Ctx() ctx: RevenueShareContext) {
    const f = filter ?? {};
    return ctx.services.statements.statements(ctx.principal, { partnerId: f.partnerId ?? undefined, status: f.status ?? undefined, currency: f.currency ?? undefined, number: f.number ?? undefined, periodFrom: f.periodFrom ?? undefined, periodTo: f.periodTo ?? undefined }, page);
  }

  @Authorized()
  @Query(() => Statement)
  statement(@IdArg("id") id: string, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.statements.statement(ctx.principal, id);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => StatementRun, {
    description: "Runs one partner's statement for the closed period of its cycle that holds `date` (its local date): a draft per currency, redrawn if there is one; a published period gets nothing new (changes go on the next statement).",
  })
  runStatements(@IdArg("partnerId") partnerId: string, @BoundedArg("date", DATE, () => String, { description: "YYYY-MM-DD in the partner's timezone." }) date: string, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.runs.runOnDemand(ctx.principal, partnerId, date);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Int, { description: "Runs the statement scheduler now: every party's (or one partner's) closed periods not run yet, oldest first. Returns how many periods ran." })
  runScheduledStatements(@IdArg("partnerId", { nullable: true }) partnerId: string | null, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.scheduler.tick(new Date(), partnerId ?? undefined);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Date, { description: "For a partner whose transactions predate it in the hub: its scheduled statements start with the period holding this local date. Only before its first scheduled run." })
  async setStatementStart(@IdArg("partnerId") partnerId: string, @BoundedArg("date", DATE, () => String, { description: "YYYY-MM-DD in the partner's timezone." }) date: string, @Ctx() ctx: RevenueShareContext): Promise<Date> {
    return (await ctx.services.partners.setStatementStart(ctx.principal, partnerId, date)).statementStart;
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Statement, { description: "DRAFT → PUBLISHED: numbered without gaps, then immutable; the partner can pull it, and invoicing records it as a payable. Audited." })
  publishStatement(@IdArg("id") id: string, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.lifecycle.publish(ctx.principal, id);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Statement, { description: "PUBLISHED or DISPUTED → SETTLED: paid. Audited." })
  settleStatement(@IdArg("id") id: string, @BoundedArg("reference", { maxLength: Bound.NAME }, () => String, { nullable: true, description: "The payment's reference." }) reference: string | null, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.lifecycle.settle(ctx.principal, id, reference);
  }

  @Authorized(Role.OPERATOR, Role.PARTNER)
  @Mutation(() => Statement, {
    description:
      "PUBLISHED → DISPUTED, with the partner's reason: raised by the partner on its own statement, or recorded by an operator; corrections come as adjustments on a later statement. Audited.",
  })
  disputeStatement(@IdArg("id") id: string, @BoundedArg("reason", { maxLength: Bound.TEXT }) reason: string, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.lifecycle.dispute(ctx.principal, id, reason);
  }

  @FieldResolver(() => StatementLineConnection, { description: "Lines in order: per service, gross, deductions, net, then the partner's share, top-up, cap and adjustments." })
  lines(@Root() statement: Statement, @Args() page: PageArgs, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.statements.lines(statement.id, page);
  }

  @FieldResolver(() => PartnerReference)
  partner(@Root() statement: Statement): PartnerReference {
    return partnerReference(statement.partnerId);
  }

  @FieldResolver(() => String, { description: "Where the gateway serves its CSV (GET with the same credentials)." })
  csvUrl(@Root() statement: Statement): string {
    return `/files/revenue-share/statement-csv/${statement.id}`;
  }

  @FieldResolver(() => String, { description: "Where the gateway serves its PDF." })
  pdfUrl(@Root() statement: Statement): string {
    return `/files/revenue-share/statement-pdf/${statement.id}`;
  }
}

@Resolver(() => StatementRun)
export class StatementRunResolver {
  @FieldResolver(() => [Statement], { description: "The drafts it drew up." })
  statements(@Root() run: StatementRun, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.statements.ofPeriod(ctx.principal, run.partnerId, run.periodStart, run.periodEnd);
  }

  @FieldResolver(() => PartnerReference)
  partner(@Root() run: StatementRun): PartnerReference {
    return partnerReference(run.partnerId);
  }
}
