import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Connection, Decimal, DecimalScalar, PageArgs, Role } from "@intersettle/shared";
import { Agreement, AgreementStatus, AgreementType, Partner, ServiceType } from "../entities";
import type { AgreementFields } from "../domain/agreement-terms";
import type { PartnersContext } from "./context";

@ObjectType()
export class AgreementConnection extends Connection(Agreement) {}

@InputType()
export class CreateAgreementInput {
  @Field(() => ID)
  partnerId: string;

  @Field()
  reference: string;

  @Field(() => AgreementType)
  type: AgreementType;

  @Field(() => [ServiceType])
  services: ServiceType[];

  @Field({ description: "YYYY-MM-DD" })
  validFrom: string;

  @Field(() => String, { nullable: true })
  validTo?: string | null;

  @Field(() => AgreementStatus, { defaultValue: AgreementStatus.DRAFT })
  status: AgreementStatus;

  @Field(() => DecimalScalar, { nullable: true, description: "Default 0." })
  tolerancePercent?: Decimal;

  @Field(() => DecimalScalar, { nullable: true, description: "Default 0." })
  toleranceAmount?: Decimal;

  @Field(() => String, { nullable: true })
  terms?: string | null;
}

@InputType({ description: "Only the fields given change; validTo and terms may be set to null." })
export class UpdateAgreementInput {
  @Field({ nullable: true })
  reference?: string;

  @Field(() => AgreementType, { nullable: true })
  type?: AgreementType;

  @Field(() => [ServiceType], { nullable: true })
  services?: ServiceType[];

  @Field({ nullable: true })
  validFrom?: string;

  @Field(() => String, { nullable: true })
  validTo?: string | null;

  @Field(() => AgreementStatus, { nullable: true })
  status?: AgreementStatus;

  @Field(() => DecimalScalar, { nullable: true })
  tolerancePercent?: Decimal;

  @Field(() => DecimalScalar, { nullable: true })
  toleranceAmount?: Decimal;

  @Field(() => String, { nullable: true })
  terms?: string | null;
}

@InputType()
export class AgreementFilterInput {
  @Field(() => ID, { nullable: true })
  partnerId?: string;

  @Field(() => AgreementType, { nullable: true })
  type?: AgreementType;

  @Field(() => AgreementStatus, { nullable: true })
  status?: AgreementStatus;

  @Field(() => ServiceType, { nullable: true })
  service?: ServiceType;

  @Field({ nullable: true, description: "In force on this date (YYYY-MM-DD)." })
  activeOn?: string;
}

@Resolver(() => Agreement)
export class AgreementResolver {
  @Authorized()
  @Query(() => Agreement)
  agreement(@Arg("id", () => ID) id: string, @Ctx() ctx: PartnersContext): Promise<Agreement> {
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
    @Arg("id", () => ID) id: string,
    @Arg("input") input: UpdateAgreementInput,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: PartnersContext,
  ): Promise<Agreement> {
    return ctx.services.agreements.update(ctx.principal, id, { ...input }, expectedVersion ?? undefined);
  }

  @FieldResolver(() => Partner)
  partner(@Root() agreement: Agreement, @Ctx() ctx: PartnersContext) {
    return ctx.loaders.partner.load(agreement.partnerId);
  }
}
