import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Bound, BoundedArg, Connection, IdArg, PageArgs, Role } from "@intersettle/shared";
import { AgreementStatus, Partner, PartnerContact, PartnerStatus, RoundingConvention } from "../entities";
import type { PartnersContext } from "./context";
import { AgreementConnection } from "./agreement.resolver";
import { CreatePartnerInput, PartnerFilterInput, profileFromCreateInput, profileFromUpdateInput, UpdatePartnerInput } from "./partner.inputs";

@ObjectType()
export class PartnerConnection extends Connection(Partner) {}

@Resolver(() => Partner)
export class PartnerResolver {
  @Authorized()
  @Query(() => Partner, { description: "A partner by id; a partner key sees only its own." })
  partner(@IdArg("id") id: string, @Ctx() ctx: PartnersContext): Promise<Partner> {
    return ctx.services.partners.get(ctx.principal, id);
  }

  @Authorized()
  @Query(() => Partner)
  partnerByCode(@BoundedArg("code", { maxLength: Bound.NAME }) code: string, @Ctx() ctx: PartnersContext): Promise<Partner> {
    return ctx.services.partners.getByCode(ctx.principal, code);
  }

  @Authorized()
  @Query(() => PartnerConnection, { description: "Partners ordered by code." })
  partners(@Arg("filter", () => PartnerFilterInput, { nullable: true }) filter: PartnerFilterInput | null, @Args() page: PageArgs, @Ctx() ctx: PartnersContext) {
    return ctx.services.partners.list(ctx.principal, filter ?? {}, page);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Partner)
  createPartner(@Arg("input") input: CreatePartnerInput, @Ctx() ctx: PartnersContext): Promise<Partner> {
    return ctx.services.partners.create(ctx.principal, profileFromCreateInput(input));
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Partner)
  updatePartner(
    @IdArg("id") id: string,
    @Arg("input") input: UpdatePartnerInput,
    @BoundedArg("expectedVersion", { min: 1 }, () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: PartnersContext,
  ): Promise<Partner> {
    return ctx.services.partners.update(ctx.principal, id, profileFromUpdateInput(input), expectedVersion ?? undefined);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Partner, { description: "Suspend, block (for credit: read-only), terminate or reactivate a partner; every status but ACTIVE needs a reason. SUSPENDED and TERMINATED partners' keys are refused." })
  setPartnerStatus(
    @IdArg("id") id: string,
    @Arg("status", () => PartnerStatus) status: PartnerStatus,
    @BoundedArg("reason", { maxLength: Bound.TEXT }, () => String, { nullable: true }) reason: string | null,
    @BoundedArg("expectedVersion", { min: 1 }, () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: PartnersContext,
  ): Promise<Partner> {
    return ctx.services.partners.setStatus(ctx.principal, id, status, reason, expectedVersion ?? undefined);
  }

  @FieldResolver(() => RoundingConvention)
  rounding(@Root() partner: Partner): RoundingConvention {
    return { decimals: partner.roundingDecimals, mode: partner.roundingMode, scope: partner.roundingScope };
  }

  @FieldResolver(() => [PartnerContact])
  contacts(@Root() partner: Partner, @Ctx() ctx: PartnersContext): Promise<PartnerContact[]> {
    return ctx.loaders.contacts.load(partner.id);
  }

  @FieldResolver(() => AgreementConnection)
  agreements(
    @Root() partner: Partner,
    @Arg("status", () => AgreementStatus, { nullable: true }) status: AgreementStatus | null,
    @Args() page: PageArgs,
    @Ctx() ctx: PartnersContext,
  ) {
    return ctx.services.agreements.list(ctx.principal, { partnerId: partner.id, status: status ?? undefined }, page);
  }
}
