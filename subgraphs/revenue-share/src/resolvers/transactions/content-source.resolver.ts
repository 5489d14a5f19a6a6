import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { Bound, BoundedArg, Role } from "@intersettle/shared";
import { ContentSource } from "../../entities/transactions";
import type { RevenueShareContext } from "../context";
import { ContentSourceInput, UpdateContentSourceInput } from "./content-transaction.inputs";

@Resolver(() => ContentSource)
export class ContentSourceResolver {
  @Authorized(Role.OPERATOR)
  @Mutation(() => ContentSource, { description: "A feed of content transaction files. Audited." })
  createContentSource(@Arg("input") input: ContentSourceInput, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.transactions.sources.create(ctx.principal, { ...input, dropFolder: input.dropFolder ?? null });
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => ContentSource, { description: "Renames a source, or changes its zone or drop folder. Audited." })
  updateContentSource(@BoundedArg("code", { maxLength: Bound.NAME }) code: string, @Arg("input") input: UpdateContentSourceInput, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.transactions.sources.update(ctx.principal, code, { name: input.name ?? undefined, timezone: input.timezone ?? undefined, dropFolder: input.dropFolder });
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Boolean, { description: "Deletes a source nothing was ingested from; one with jobs stays for their history. Audited." })
  deleteContentSource(@BoundedArg("code", { maxLength: Bound.NAME }) code: string, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.transactions.sources.delete(ctx.principal, code);
  }

  @Authorized(Role.VIEWER)
  @Query(() => [ContentSource])
  contentSources(@Ctx() ctx: RevenueShareContext) {
    return ctx.services.transactions.sources.list();
  }

  @Authorized(Role.VIEWER)
  @Query(() => ContentSource, { description: "By code (or id)." })
  contentSource(@BoundedArg("code", { maxLength: Bound.NAME }) code: string, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.transactions.sources.get(code);
  }
}
