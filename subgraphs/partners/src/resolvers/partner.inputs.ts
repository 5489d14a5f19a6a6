import { Field, InputType, Int } from "type-graphql";
import { Decimal, DecimalScalar } from "@intersettle/shared";
import { BillingCycle, ContactRole, CreditMode, PartnerRole, PartnerStatus, PartnerType, RoundingMode, RoundingScope } from "../entities";
import type { PartnerProfileFields } from "../domain/partner-profile";

@InputType()
export class ContactInput {
  @Field()
  name: string;

  @Field(() => ContactRole)
  role: ContactRole;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;
}

@InputType({ description: "Unset fields keep their defaults on create and their values on update." })
export class RoundingInput {
  @Field(() => Int, { nullable: true })
  decimals?: number;

  @Field(() => RoundingMode, { nullable: true })
  mode?: RoundingMode;

  @Field(() => RoundingScope, { nullable: true })
  scope?: RoundingScope;
}

@InputType({ description: "Unset fields keep their defaults on create and their values on update." })
export class CreditInput {
  @Field(() => CreditMode, { nullable: true })
  mode?: CreditMode;

  @Field(() => DecimalScalar, { nullable: true, description: "In the partner's currency." })
  limit?: Decimal;

  @Field(() => Int, { nullable: true })
  warningPercent?: number;
}

@InputType()
export class CreatePartnerInput {
  @Field()
  code: string;

  @Field()
  legalName: string;

  @Field(() => [PartnerType])
  types: PartnerType[];

  @Field(() => [PartnerRole])
  roles: PartnerRole[];

  @Field({ description: "ISO 4217, e.g. USD." })
  currency: string;

  @Field({ description: "IANA timezone, e.g. Asia/Kolkata." })
  timezone: string;

  @Field(() => BillingCycle, { defaultValue: BillingCycle.MONTHLY })
  billingCycle: BillingCycle;

  @Field(() => Int, { defaultValue: 30 })
  paymentTermsDays: number;

  @Field(() => DecimalScalar, { nullable: true, description: "Percentage; default 0." })
  taxRatePercent?: Decimal;

  @Field(() => RoundingInput, { nullable: true, description: "Default: 4 decimals, HALF_UP, per invoice line." })
  rounding?: RoundingInput;

  @Field(() => CreditInput, { nullable: true, description: "Default: postpaid, limit 0, warning at 80%." })
  credit?: CreditInput;

  @Field(() => [ContactInput], { defaultValue: [] })
  contacts: ContactInput[];
}

@InputType({ description: "Only the fields given change; contacts, when given, replace the whole list." })
export class UpdatePartnerInput {
  @Field({ nullable: true })
  code?: string;

  @Field({ nullable: true })
  legalName?: string;

  @Field(() => [PartnerType], { nullable: true })
  types?: PartnerType[];

  @Field(() => [PartnerRole], { nullable: true })
  roles?: PartnerRole[];

  @Field({ nullable: true })
  currency?: string;

  @Field({ nullable: true })
  timezone?: string;

  @Field(() => BillingCycle, { nullable: true })
  billingCycle?: BillingCycle;

  @Field(() => Int, { nullable: true })
  paymentTermsDays?: number;

  @Field(() => DecimalScalar, { nullable: true })
  taxRatePercent?: Decimal;

  @Field(() => RoundingInput, { nullable: true })
  rounding?: RoundingInput;

  @Field(() => CreditInput, { nullable: true })
  credit?: CreditInput;

  @Field(() => [ContactInput], { nullable: true })
  contacts?: ContactInput[];
}

@InputType()
export class PartnerFilterInput {
  @Field(() => PartnerStatus, { nullable: true })
  status?: PartnerStatus;

  @Field(() => PartnerType, { nullable: true })
  type?: PartnerType;

  @Field(() => PartnerRole, { nullable: true })
  role?: PartnerRole;

  @Field({ nullable: true })
  currency?: string;

  @Field({ nullable: true, description: "Part of the code or legal name." })
  search?: string;
}

export function profileFromCreateInput(input: CreatePartnerInput): PartnerProfileFields {
  return {
    code: input.code,
    legalName: input.legalName,
    types: input.types,
    roles: input.roles,
    currency: input.currency,
    timezone: input.timezone,
    billingCycle: input.billingCycle,
    paymentTermsDays: input.paymentTermsDays,
    taxRatePercent: input.taxRatePercent ?? new Decimal(0),
    roundingDecimals: input.rounding?.decimals ?? 4,
    roundingMode: input.rounding?.mode ?? RoundingMode.HALF_UP,
    roundingScope: input.rounding?.scope ?? RoundingScope.PER_INVOICE_LINE,
    creditMode: input.credit?.mode ?? CreditMode.POSTPAID,
    creditLimit: input.credit?.limit ?? new Decimal(0),
    creditWarningPercent: input.credit?.warningPercent ?? 80,
    contacts: input.contacts,
  };
}

export function profileFromUpdateInput(input: UpdatePartnerInput): Partial<PartnerProfileFields> {
  return {
    code: input.code,
    legalName: input.legalName,
    types: input.types,
    roles: input.roles,
    currency: input.currency,
    timezone: input.timezone,
    billingCycle: input.billingCycle,
    paymentTermsDays: input.paymentTermsDays,
    taxRatePercent: input.taxRatePercent,
    roundingDecimals: input.rounding?.decimals,
    roundingMode: input.rounding?.mode,
    roundingScope: input.rounding?.scope,
    creditMode: input.credit?.mode,
    creditLimit: input.credit?.limit,
    creditWarningPercent: input.credit?.warningPercent,
    contacts: input.contacts,
  };
}

export { PartnerStatus };
