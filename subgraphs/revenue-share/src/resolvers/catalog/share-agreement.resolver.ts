import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { IdArg, Role } from "@intersettle/shared";
import { agreementTerms, ContentService, ShareAgreement } from "../../entities";
import { PartnerReference, partnerSeenBy } from "../partner-reference";
import type { RevenueShareContext } from "../context";
import { agreementDraft, CreateShareAgreementInput, ShareTermsInput } from "./share-agreement.inputs";
import { ShareDeductions, waterfallTerms, WaterfallStepTerms } from "./share-terms.types";

@Resolver(() => ShareAgreement)
export class ShareAgreementResolver {
  @Authorized()
  @Query(() => [ShareAgreement], { description: "A content service's agreement versions, earliest first; a partner key, of services it is party to." })
  shareAgreements(@IdArg("serviceId") serviceId: string, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.agreements.ofService(ctx.principal, serviceId);
  }

  @Authorized()
  @Query(() => ShareAgreement)
  shareAgreement(@IdArg("id") id: string, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.agreements.get(ctx.principal, id);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => ShareAgreement, { description: "A new agreement version for a service, checked by the domain and against the service's chain; an open version before it ends the day before. Audited." })
  createShareAgreement(@Arg("input") input: CreateShareAgreementInput, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.agreements.create(ctx.principal, input.serviceId, agreementDraft(input));
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => ShareAgreement, { description: "Changes a version no published statement has used (CONFLICT otherwise: add a new version). Audited." })
  updateShareAgreement(@IdArg("id") id: string, @Arg("input") input: ShareTermsInput, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.agreements.update(ctx.principal, id, agreementDraft(input));
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Boolean, { description: "Deletes a version no published statement has used. Audited." })
  deleteShareAgreement(@IdArg("id") id: string, @Ctx() ctx: RevenueShareContext) {
    return ctx.services.agreements.delete(ctx.principal, id);
  }

  @FieldResolver(() => ContentService)
  service(@Root() agreement: ShareAgreement, @Ctx() ctx: RevenueShareContext) {
    return ctx.loaders.service.load(agreement.serviceId);
  }

  @FieldResolver(() => ShareDeductions)
  deductions(@Root() agreement: ShareAgreement): ShareDeductions {
    return agreementTerms(agreement).deductions;
  }

  @FieldResolver(() => [WaterfallStepTerms])
  waterfall(@Root() agreement: ShareAgreement): WaterfallStepTerms[] {
    return waterfallTerms(agreementTerms(agreement).waterfall);
  }
}

@Resolver(() => WaterfallStepTerms)
export class WaterfallStepResolver {
  @FieldResolver(() => PartnerReference, { nullable: true, description: "Null for the operator, and to a partner key for another partner." })
  partner(@Root() step: WaterfallStepTerms, @Ctx() ctx: RevenueShareContext): PartnerReference | null {
    return partnerSeenBy(ctx.principal, step.partnerId);
  }
}
