import { Args, Arg, Authorized, Ctx, Int, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { Bound, BoundedArg, Connection, IdArg, PageArgs, Role } from "@intersettle/shared";
import { BillingRun, InvoiceSide } from "../../entities";
import type { InvoicingContext } from "../context";

@ObjectType()
export class BillingRunConnection extends Connection(BillingRun) {}

@Resolver(() => BillingRun)
export class BillingRunResolver {
  @Authorized()
  @Query(() => BillingRunConnection, { description: "Billing runs, newest last; what each found and where its lines went." })
  billingRuns(@IdArg("partnerId", { nullable: true }) partnerId: string | null, @Args() page: PageArgs, @Ctx() ctx: InvoicingContext) {
    return ctx.services.invoices.billingRuns(ctx.principal, { partnerId: partnerId ?? undefined }, page);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => [BillingRun], {
    description:
      "Bills one partner for the closed period of its cycle that holds `date` (its local date), on each side it has or the one given. " +
      "A period not invoiced yet goes on its draft invoice (re-running rebuilds the draft); an invoiced period whose usage changed gets a draft debit or credit note for exactly the difference.",
  })
  runBilling(
    @IdArg("partnerId") partnerId: string,
    @BoundedArg("date", { maxLength: Bound.NAME }, () => String, { description: "YYYY-MM-DD in the partner's timezone." }) date: string,
    @Arg("side", () => InvoiceSide, { nullable: true }) side: InvoiceSide | null,
    @Ctx() ctx: InvoicingContext,
  ) {
    return ctx.services.runs.runOnDemand(ctx.principal, partnerId, date, side ? [side] : undefined);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Date, {
    description: "For a partner onboarded with traffic already rated: its scheduled billing starts with the period holding this local date. Only before its first scheduled run. Returns the instant billing starts.",
  })
  async setBillingStart(
    @IdArg("partnerId") partnerId: string,
    @BoundedArg("date", { maxLength: Bound.NAME }, () => String, { description: "YYYY-MM-DD in the partner's timezone." }) date: string,
    @Ctx() ctx: InvoicingContext,
  ): Promise<Date> {
    return (await ctx.services.accounts.setBillingStart(ctx.principal, partnerId, date)).billingStart;
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Int, { description: "Runs the billing scheduler now: every partner's (or one partner's) closed, unbilled periods, oldest first. Returns how many periods were billed." })
  runScheduledBilling(@IdArg("partnerId", { nullable: true }) partnerId: string | null, @Ctx() ctx: InvoicingContext) {
    return ctx.services.scheduler.tick(new Date(), partnerId ?? undefined);
  }
}
