import { Args, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Bound, BoundedArg, IdArg, PageArgs, Role } from "@intersettle/shared";
import { Partner } from "../../entities";
import type { PartnersContext } from "../context";
import { CreditLedgerConnection, CreditStatus, creditStatusOf } from "./credit.types";

@Resolver(() => Partner)
export class CreditResolver {
  @Authorized()
  @Query(() => CreditStatus, { description: "A partner's credit terms, exposure and standing; a partner key sees its own." })
  async creditStatus(@IdArg("partnerId") partnerId: string, @Ctx() ctx: PartnersContext): Promise<CreditStatus> {
    const { partner, exposure } = await ctx.services.credit.account(ctx.principal, partnerId);
    return creditStatusOf(partner, exposure);
  }

  @Authorized()
  @Query(() => CreditLedgerConnection, { description: "Every event that moved a partner's credit account, oldest first: usage, documents, payments, terms, blocks." })
  creditLedger(@IdArg("partnerId") partnerId: string, @Args() page: PageArgs, @Ctx() ctx: PartnersContext) {
    return ctx.services.credit.ledger(ctx.principal, partnerId, page);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Partner, { description: "Blocks a partner (its keys turn read-only) until an operator unblocks it, whatever its credit. Audited." })
  blockPartner(
    @IdArg("id") id: string,
    @BoundedArg("reason", { maxLength: Bound.TEXT }) reason: string,
    @BoundedArg("expectedVersion", { min: 1 }, () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: PartnersContext,
  ): Promise<Partner> {
    return ctx.services.blocks.block(ctx.principal, id, reason, expectedVersion);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Partner, {
    description: "Lifts an operator's or a fraud block. A partner still at its credit limit stays BLOCKED for credit (a payment, a credit note or a higher limit lifts that). Audited.",
  })
  unblockPartner(
    @IdArg("id") id: string,
    @BoundedArg("reason", { maxLength: Bound.TEXT }) reason: string,
    @BoundedArg("expectedVersion", { min: 1 }, () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: PartnersContext,
  ): Promise<Partner> {
    return ctx.services.blocks.unblock(ctx.principal, id, reason, expectedVersion);
  }

  @FieldResolver(() => CreditStatus)
  async credit(@Root() partner: Partner, @Ctx() ctx: PartnersContext): Promise<CreditStatus> {
    return creditStatusOf(partner, await ctx.loaders.creditExposure.load(partner.id));
  }
}
