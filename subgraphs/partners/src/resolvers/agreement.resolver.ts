import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Bound, BoundedArg, Connection, Decimal, DecimalScalar, IdArg, MaxChars, MaxItems, PageArgs, Role } from "@intersettle/shared";
import { Agreement, AgreementStatus, AgreementType, Partner, ServiceType } from "../entities";
import type { AgreementFields } from "../domain/agreement-terms";
import type { PartnersContext } from "./context";

@ObjectType()
export class AgreementConnection extends Connection(Agreement) {}

/** Agreement terms are a document, longer than other free text. */
const MAX_TERMS_CHARS = 20000;
const MAX_SERVICES = 10;

@InputType()
export class CreateAgreementInput {
  @Field(() => ID)
  @MaxChars(Bound.ID)
  partnerId: string;

  @Field()
  @MaxChars(Bound.NAME)
  reference: string;

  @Field(() => AgreementType)
  type: AgreementType;

  @Field(() => [ServiceType])
  @MaxItems(MAX_SERVICES)
  services: ServiceType[];

  @Field({ description: "YYYY-MM-DD" })
  @MaxChars(Bound.NAME)
  validFrom: string;

  @Field(() => String, { nullable: true })
  @MaxChars(Bound.NAME)
  validTo?: string | null;

  @Field(() => AgreementStatus, { defaultValue: AgreementStatus.DRAFT })
  status: AgreementStatus;

  @Field(() => DecimalScalar, { nullable: true, description: "Default 0." })
  tolerancePercent?: Decimal;

  @Field(() => DecimalScalar, { nullable: true, description: "Default 0." })
  toleranceAmount?: Decimal;

  @Field(() => String, { nullable: true })
  @MaxChars(MAX_TERMS_CHARS)
  terms?: string | null;
}

@InputType({ description: "Only the fields given change; validTo and terms may be set to null." })
export class UpdateAgreementInput {
  @Field({ nullable: true })
  @MaxChars(Bound.NAME)
  reference?: string;

  @Field(() => AgreementType, { nullable: true })
  type?: AgreementType;

  @Field(() => [ServiceType], { nullable: true })
  @MaxItems(MAX_SERVICES)
  services?: ServiceType[];

  @Field({ nullable: true })
  @MaxChars(Bound.NAME)
  validFrom?: string;

  @Field(() => String, { nullable: true })
  @MaxChars(Bound.NAME)
  validTo?: string | null;

  @Field(() => AgreementStatus, { nullable: true })
  status?: AgreementStatus;

  @Field(() => DecimalScalar, { nullable: true })
  tolerancePercent?: Decimal;

  @Field(() => DecimalScalar, { nullable: true })
  toleranceAmount?: Decimal;

  @Field(() => String, { nullable: true })
  @MaxChars(MAX_TERMS_CHARS)
  terms?: string | null;
}

@InputType()
export class AgreementFilterInput {
  @Field(() => ID, { nullable: true })
  @MaxChars(Bound.ID)
  partnerId?: string;

  @Field(() => AgreementType, { nullable: true })
  type?: AgreementType;

  @Field(() => AgreementStatus, { nullable: true })
  status?: AgreementStatus;

  @Field(() => ServiceType, { nullable: true })
  service?: ServiceType;

  @Field({ nullable: true, description: "In force on this date (YYYY-MM-DD)." })
  @MaxChars(Bound.NAME)
  activeOn?: string;
}

@Resolver(() => Agreement)
export class AgreementResolver {
  @Authorized()
  @Query(() => Agreement)
  agreement(@IdArg("id") id: string, @Ctx() ctx: PartnersContext): Promise<Agreement> {
    return ctx.services.agreements.get(ctx.principal, id);
  }

  @Authorized()
  @Query(() => AgreementConnection)
  agreements(@Arg("filter", () => AgreementFilterInput, { nullable: true }) filter: AgreementFilterInput | null, @Args() page: PageArgs, @Ctx() ctx: PartnersContext) {
    return ctx.services.agreements.list(ctx.principal, filter ?? {}, page);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Agreement)
  createAgreement(@Arg("input") input: CreateAgreementInput, @Ctx() ctx: PartnersContext): Promise<Agreement> {
    const { partnerId, ...rest } = input;
    const fields: AgreementFields = { ...rest, tolerancePercent: rest.tolerancePercent ?? new Decimal(0), toleranceAmount: rest.toleranceAmount ?? new Decimal(0) };
    return ctx.services.agreements.create(ctx.principal, partnerId, fields);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Agreement)
  updateAgreement(
    @IdArg("id") id: string,
    @Arg("input") input: UpdateAgreementInput,
    @BoundedArg("expectedVersion", { min: 1 }, () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: PartnersContext,
  ): Promise<Agreement> {
    return ctx.services.agreements.update(ctx.principal, id, { ...input }, expectedVersion ?? undefined);
  }

  @FieldResolver(() => Partner)
  partner(@Root() agreement: Agreement, @Ctx() ctx: PartnersContext) {
    return ctx.loaders.partner.load(agreement.partnerId);
  }
}
