import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Bound, Connection, Decimal, DecimalScalar, IdArg, MaxChars, PageArgs, Role } from "@intersettle/shared";
import { CallComparisonStatus, Reconciliation, ReconciliationCallEntity, ReconciliationDestinationEntity } from "../../entities";
import type { InvoicingContext } from "../context";

@ObjectType()
export class ReconciliationConnection extends Connection(Reconciliation) {}

@ObjectType()
export class ReconciliationCallConnection extends Connection(ReconciliationCallEntity, "ReconciliationCall") {}

@InputType({ description: "How far two records of one call may differ and still agree; a difference equal to a tolerance is within it." })
export class MatchTolerancesInput {
  @Field(() => Int, { nullable: true, description: "Pairing by A and B number: starts at most this many seconds apart (default 2)." }) startToleranceSeconds?: number;
  @Field(() => Int, { nullable: true, description: "Durations further apart are a DURATION_MISMATCH (default 1)." }) durationToleranceSeconds?: number;
  @Field(() => DecimalScalar, { nullable: true, description: "Amounts further apart are a RATE_MISMATCH (default 0.0001)." }) amountTolerance?: Decimal;
}

@InputType()
export class ReconciliationFilterInput {
  @Field(() => ID, { nullable: true }) @MaxChars(Bound.ID) partnerId?: string;
  @Field(() => ID, { nullable: true, description: "The runs of one claim." }) @MaxChars(Bound.ID) claimId?: string;
  @Field(() => Date, { nullable: true, description: "Periods starting at or after this instant." }) periodFrom?: Date;
  @Field(() => Date, { nullable: true, description: "…and before this one." }) periodTo?: Date;
}

@Resolver(() => Reconciliation)
export class ReconciliationResolver {
  @Authorized(Role.OPERATOR)
  @Mutation(() => Reconciliation, {
    description:
      "Compares a received claim with our rated calls of its partner, leg and period; each run is a new reconciliation. A variance beyond the tolerance of the " +
      "partner's agreement in force on the period's first day opens a dispute; without an agreement the tolerance is 0 and any variance opens one. Audited.",
  })
  async reconcileClaim(@IdArg("claimId") claimId: string, @Arg("tolerances", () => MatchTolerancesInput, { nullable: true }) tolerances: MatchTolerancesInput | null, @Ctx() ctx: InvoicingContext) {
    const { reconciliationId } = await ctx.services.reconciliation.reconcileClaim(ctx.principal, claimId, ctx.services.reconciliation.tolerances(tolerances ?? {}));
    return ctx.services.reconciliations.get(ctx.principal, reconciliationId);
  }

  @Authorized()
  @Query(() => ReconciliationConnection, { description: "Reconciliations, oldest first; a partner key sees its own." })
  reconciliations(@Arg("filter", () => ReconciliationFilterInput, { nullable: true }) filter: ReconciliationFilterInput | null, @Args() page: PageArgs, @Ctx() ctx: InvoicingContext) {
    return ctx.services.reconciliations.list(ctx.principal, filter ?? {}, page);
  }

  @Authorized()
  @Query(() => Reconciliation)
  reconciliation(@IdArg("id") id: string, @Ctx() ctx: InvoicingContext) {
    return ctx.services.reconciliations.get(ctx.principal, id);
  }

  @Authorized()
  @Query(() => [Reconciliation], { description: "Per partner, side and period, the latest reconciliation: its status, amounts, variance and whether it is disputed." })
  reconciliationStatus(@Arg("filter", () => ReconciliationFilterInput, { nullable: true }) filter: ReconciliationFilterInput | null, @Ctx() ctx: InvoicingContext) {
    return ctx.services.reconciliations.latest(ctx.principal, filter ?? {});
  }

  @FieldResolver(() => Boolean, { description: "Whether the variance opened a dispute." })
  disputed(@Root() r: Reconciliation) {
    return r.disputeId !== null;
  }

  @FieldResolver(() => ReconciliationCallConnection, { description: "The calls that are not MATCHED, in the order found." })
  calls(@Root() r: Reconciliation, @Arg("status", () => CallComparisonStatus, { nullable: true }) status: CallComparisonStatus | null, @Args() page: PageArgs, @Ctx() ctx: InvoicingContext) {
    return ctx.services.reconciliations.calls(r.id, status, page);
  }

  @FieldResolver(() => [ReconciliationDestinationEntity], { description: "Both sides' totals per destination." })
  destinations(@Root() r: Reconciliation, @Ctx() ctx: InvoicingContext) {
    return ctx.services.reconciliations.destinations(r.id);
  }
}
