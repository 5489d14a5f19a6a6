import { Args, Authorized, Ctx, FieldResolver, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Connection, IdArg, PageArgs } from "@intersettle/shared";
import { Claim, ClaimLineEntity, ClaimRejection } from "../../entities";
import type { InvoicingContext } from "../context";

@ObjectType()
export class ClaimConnection extends Connection(Claim) {}
@ObjectType()
export class ClaimRejectionConnection extends Connection(ClaimRejection) {}
@ObjectType()
export class ClaimLineConnection extends Connection(ClaimLineEntity, "ClaimLine") {}

@Resolver(() => Claim)
export class ClaimResolver {
  @Authorized()
  @Query(() => ClaimConnection, { description: "Partners' claims (invoices and CDR files) by period; a partner key sees its own." })
  claims(@IdArg("partnerId", { nullable: true }) partnerId: string | null, @Args() page: PageArgs, @Ctx() ctx: InvoicingContext) {
    return ctx.services.claims.query.claims(ctx.principal, partnerId ?? undefined, page);
  }

  @Authorized()
  @Query(() => Claim, { description: "One claim; another partner's is NOT_FOUND." })
  claim(@IdArg("id") id: string, @Ctx() ctx: InvoicingContext) {
    return ctx.services.claims.query.claim(ctx.principal, id);
  }

  @FieldResolver(() => ClaimRejectionConnection, { description: "Records not taken, in line order: line, field, reason, raw text." })
  rejections(@Root() claim: Claim, @Args() page: PageArgs, @Ctx() ctx: InvoicingContext) {
    return ctx.services.claims.query.rejections(claim.id, page);
  }

  @FieldResolver(() => ClaimLineConnection, { description: "An invoice claim's summary lines, in line order." })
  lines(@Root() claim: Claim, @Args() page: PageArgs, @Ctx() ctx: InvoicingContext) {
    return ctx.services.claims.query.lines(claim.id, page);
  }
}
