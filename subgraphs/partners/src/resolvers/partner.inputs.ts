import { Field, InputType, Int } from "type-graphql";
import { Bound, Decimal, DecimalScalar, MaxChars, MaxItems, NestedInput } from "@intersettle/shared";
import { BillingCycle, ContactRole, CreditMode, PartnerRole, PartnerStatus, PartnerType, RoundingMode, RoundingScope } from "../entities";
import type { PartnerProfileFields } from "../domain/partner-profile";

/** Bounds of the partner inputs' lists; the domain checks values, these keep the lists small. */
const MAX_CONTACTS = 20;
const MAX_ENUM_ITEMS = 10;

@InputType()
export class ContactInput {
  @Field()
  @MaxChars(Bound.NAME)
  name: string;

  @Field(() => ContactRole)
  role: ContactRole;

  @Field(() => String, { nullable: true })
  @MaxChars(Bound.NAME)
  email?: string | null;

  @Field(() => String, { nullable: true })
  @MaxChars(Bound.NAME)
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
  @MaxChars(Bound.NAME)
  code: string;

  @Field()
  @MaxChars(Bound.NAME)
  legalName: string;

  @Field(() => [PartnerType])
  @MaxItems(MAX_ENUM_ITEMS)
  types: PartnerType[];

  @Field(() => [PartnerRole])
  @MaxItems(MAX_ENUM_ITEMS)
  roles: PartnerRole[];

  @Field({ description: "ISO 4217, e.g. USD." })
  @MaxChars(Bound.NAME)
  currency: string;

  @Field({ description: "IANA timezone, e.g. Asia/Kolkata." })
  @MaxChars(Bound.NAME)
  timezone: string;

  @Field(() => BillingCycle, { defaultValue: BillingCycle.MONTHLY })
  billingCycle: BillingCycle;

  @Field(() => Int, { defaultValue: 30 })
  paymentTermsDays: number;

  @Field(() => DecimalScalar, { nullable: true, description: "Percentage; default 0." })
  taxRatePercent?: Decimal;

  @Field(() => RoundingInput, { nullable: true, description: "Default: 4 decimals, HALF_UP, per invoice line." })
  @NestedInput()
  rounding?: RoundingInput;

  @Field(() => CreditInput, { nullable: true, description: "Default: postpaid, limit 0, warning at 80%." })
  @NestedInput()
  credit?: CreditInput;

  @Field(() => [ContactInput], { defaultValue: [] })
  @MaxItems(MAX_CONTACTS)
  @NestedInput()
  contacts: ContactInput[];
}

@InputType({ description: "Only the fields given change; contacts, when given, replace the whole list." })
export class UpdatePartnerInput {
  @Field({ nullable: true })
  @MaxChars(Bound.NAME)
  code?: string;

  @Field({ nullable: true })
  @MaxChars(Bound.NAME)
  legalName?: string;

  @Field(() => [PartnerType], { nullable: true })
  @MaxItems(MAX_ENUM_ITEMS)
  types?: PartnerType[];

  @Field(() => [PartnerRole], { nullable: true })
  @MaxItems(MAX_ENUM_ITEMS)
  roles?: PartnerRole[];

  @Field({ nullable: true })
  @MaxChars(Bound.NAME)
  currency?: string;

  @Field({ nullable: true })
  @MaxChars(Bound.NAME)
  timezone?: string;

  @Field(() => BillingCycle, { nullable: true })
  billingCycle?: BillingCycle;

  @Field(() => Int, { nullable: true })
  paymentTermsDays?: number;

  @Field(() => DecimalScalar, { nullable: true })
  taxRatePercent?: Decimal;

  @Field(() => RoundingInput, { nullable: true })
  @NestedInput()
  rounding?: RoundingInput;

  @Field(() => CreditInput, { nullable: true })
  @NestedInput()
  credit?: CreditInput;

  @Field(() => [ContactInput], { nullable: true })
  @MaxItems(MAX_CONTACTS)
  @NestedInput()
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
  @MaxChars(Bound.NAME)
  currency?: string;

  @Field({ nullable: true, description: "Part of the code or legal name." })
  @MaxChars(Bound.NAME)
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
