import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Connection, IdArg, PageArgs, Role } from "@intersettle/shared";
import { ContentService, ShareAgreement } from "../../entities";
import { PartnerReference, partnerSeenBy } from "../partner-reference";
import type { RevenueShareContext } from "../context";
import { ContentServiceFilterInput, CreateContentServiceInput, UpdateContentServiceInput } from "./content-service.inputs";

@ObjectType()
export class ContentServiceConnection extends Connection(ContentService) {}

@Resolver(() => ContentService)
export class ContentServiceResolver {
  @Authorized()
  @Query(() => ContentServiceConnection, { description: "Content services by code; a partner key sees those it is party to." })
  contentServices(@Arg("filter", () => ContentServiceFilterInput, { nullable: true }) filter: ContentServiceFilterInput | null, @Args() page: PageArgs, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.services.list(ctx.principal, { partnerId: filter?.partnerId ?? undefined, kind: filter?.kind ?? undefined, status: filter?.status ?? undefined }, page);
  }

  @Authorized()
  @Query(() => ContentService)
  contentService(@IdArg("id") id: string, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.services.get(ctx.principal, id);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => ContentService, { description: "A content service and its chain of partners (each of the matching partner type). Audited." })
  createContentService(@Arg("input") input: CreateContentServiceInput, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.services.create(ctx.principal, input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => ContentService, { description: "Renames a service or retires it. Audited." })
  updateContentService(@IdArg("id") id: string, @Arg("input") input: UpdateContentServiceInput, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.services.update(ctx.principal, id, input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Boolean, { description: "Deletes a service nothing refers to yet (no agreement, statement or transaction); retire it otherwise. Audited." })
  deleteContentService(@IdArg("id") id: string, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.services.delete(ctx.principal, id);
  }

  @FieldResolver(() => PartnerReference, { nullable: true, description: "The content provider; null to a partner key of another partner of the chain (partners are seen only by themselves)." })
  provider(@Root() service: ContentService, @Ctx() ctx: RevenueShareContext): PartnerReference | null {
    return partnerSeenBy(ctx.principal, service.providerId);
  }

  @FieldResolver(() => PartnerReference, { nullable: true, description: "Null without one, or to a partner key of another partner of the chain." })
  aggregator(@Root() service: ContentService, @Ctx() ctx: RevenueShareContext): PartnerReference | null {
    return partnerSeenBy(ctx.principal, service.aggregatorId);
  }

  @FieldResolver(() => PartnerReference, { nullable: true, description: "The platform enabler; null without one, or to a partner key of another partner of the chain." })
  enabler(@Root() service: ContentService, @Ctx() ctx: RevenueShareContext): PartnerReference | null {
    return partnerSeenBy(ctx.principal, service.enablerId);
  }

  @FieldResolver(() => [ShareAgreement], { description: "Its agreement versions, earliest first." })
  agreements(@Root() service: ContentService, @Ctx() ctx: RevenueShareContext) {
    // The service was admitted by the partner scope already: its versions come with it.
    return ctx.loaders.agreementsOf.load(service.id);
  }
}
