import { Field, ID, InputType } from "type-graphql";
import { Bound, Decimal, DecimalScalar, isIsoDate, MaxChars, MaxItems, NestedInput, type FieldProblem } from "@intersettle/shared";
import { PartyRole, ShareModel, TierBasis } from "../../entities";
import type { DeductionTerms, ShareRule, WaterfallStep } from "../../domain";
import type { AgreementDraft } from "../../services/catalog/share-agreements";

@InputType({ description: "Absent fields take their defaults: tax, refunds and chargebacks deducted; no bad debt, no platform fees." })
export class ShareDeductionsInput {
  @Field(() => Boolean, { nullable: true }) tax?: boolean | null;
  @Field(() => Boolean, { nullable: true }) refunds?: boolean | null;
  @Field(() => Boolean, { nullable: true }) chargebacks?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: "Deduct the actual bad debt reported with the usage (default false)." }) badDebt?: boolean | null;
  @Field(() => DecimalScalar, { nullable: true }) badDebtPercent?: Decimal | null;
  @Field(() => DecimalScalar, { nullable: true }) platformFeePercent?: Decimal | null;
  @Field(() => DecimalScalar, { nullable: true }) platformFeePerTransaction?: Decimal | null;
}

@InputType()
export class ShareTierInput {
  @Field(() => DecimalScalar, { description: "Where the tier starts: transactions (VOLUME) or an amount (REVENUE); the first starts at 0." }) from: Decimal;
  @Field(() => DecimalScalar, { description: "0–100." }) percent: Decimal;
}

@InputType({ description: "PERCENT takes `percent`; TIERED_MARGINAL and TIERED_WHOLE take `basis` and `tiers`; FIXED_PER_TRANSACTION takes `fee`; REMAINDER nothing." })
export class ShareRuleInput {
  @Field(() => ShareModel) model: ShareModel;
  @Field(() => DecimalScalar, { nullable: true }) percent?: Decimal | null;
  @Field(() => TierBasis, { nullable: true }) basis?: TierBasis | null;
  @Field(() => [ShareTierInput], { nullable: true }) @MaxItems(50) @NestedInput() tiers?: ShareTierInput[] | null;
  @Field(() => DecimalScalar, { nullable: true }) fee?: Decimal | null;
}

@InputType()
export class WaterfallStepInput {
  @Field(() => PartyRole) partyRole: PartyRole;
  @Field(() => ID, { nullable: true, description: "The partner the service's chain holds in this role; null for the OPERATOR." }) @MaxChars(Bound.ID) partnerId?: string | null;
  @Field(() => ShareRuleInput) @NestedInput() rule: ShareRuleInput;
  @Field(() => DecimalScalar, { nullable: true }) minimumGuarantee?: Decimal | null;
  @Field(() => DecimalScalar, { nullable: true }) cap?: Decimal | null;
}

@InputType({ description: "One agreement version's terms." })
export class ShareTermsInput {
  @Field(() => String, { nullable: true, description: "The contract's own reference." }) @MaxChars(Bound.NAME) reference?: string | null;
  @Field({ description: "YYYY-MM-DD: the first period it governs is the one starting on or after it." }) @MaxChars(Bound.NAME) effectiveFrom: string;
  @Field(() => String, { nullable: true, description: "YYYY-MM-DD, included; absent: open-ended." }) @MaxChars(Bound.NAME) effectiveTo?: string | null;
  @Field(() => ShareDeductionsInput, { nullable: true }) @NestedInput() deductions?: ShareDeductionsInput | null;
  @Field(() => [WaterfallStepInput], { description: "The OPERATOR first, then the partners in the order they take from what is left; the last takes the REMAINDER." })
  @MaxItems(10)
  @NestedInput()
  waterfall: WaterfallStepInput[];
}

@InputType()
export class CreateShareAgreementInput extends ShareTermsInput {
  @Field(() => ID) @MaxChars(Bound.ID) serviceId: string;
}

/** The input as the domain's terms, with the problems its shape shows (a PERCENT rule without a percent…). */
export function agreementDraft(input: ShareTermsInput): AgreementDraft {
  const problems: FieldProblem[] = [];
  if (!isIsoDate(input.effectiveFrom)) problems.push({ field: "effectiveFrom", message: "must be a date YYYY-MM-DD" });
  if (input.effectiveTo && !isIsoDate(input.effectiveTo)) problems.push({ field: "effectiveTo", message: "must be a date YYYY-MM-DD" });
  const d = input.deductions ?? {};
  const zero = new Decimal(0);
  const deductions: DeductionTerms = {
    tax: d.tax ?? true,
    refunds: d.refunds ?? true,
    chargebacks: d.chargebacks ?? true,
    badDebt: d.badDebt ?? false,
    badDebtPercent: d.badDebtPercent ?? zero,
    platformFeePercent: d.platformFeePercent ?? zero,
    platformFeePerTransaction: d.platformFeePerTransaction ?? zero,
  };
  const waterfall = input.waterfall.map((step, i): WaterfallStep => ({
    partyRole: step.partyRole,
    partnerId: step.partnerId ?? null,
    rule: ruleOf(step.rule, `waterfall.${i}.rule`, problems),
    minimumGuarantee: step.minimumGuarantee ?? null,
    cap: step.cap ?? null,
  }));
  return { reference: input.reference?.trim() || null, effectiveFrom: input.effectiveFrom, effectiveTo: input.effectiveTo ?? null, deductions, waterfall, problems };
}

function ruleOf(rule: ShareRuleInput, at: string, problems: FieldProblem[]): ShareRule {
  const need = <T>(value: T | null | undefined, field: string): T => {
    if (value === null || value === undefined) problems.push({ field: `${at}.${field}`, message: `is required for ${rule.model}` });
    return value as T;
  };
  switch (rule.model) {
    case ShareModel.PERCENT:
      return { model: rule.model, percent: need(rule.percent, "percent") ?? new Decimal(0) };
    case ShareModel.TIERED_MARGINAL:
    case ShareModel.TIERED_WHOLE:
      return { model: rule.model, basis: need(rule.basis, "basis") ?? TierBasis.VOLUME, tiers: (need(rule.tiers, "tiers") ?? []).map((t) => ({ from: t.from, percent: t.percent })) };
    case ShareModel.FIXED_PER_TRANSACTION:
      return { model: rule.model, fee: need(rule.fee, "fee") ?? new Decimal(0) };
    case ShareModel.REMAINDER:
      return { model: rule.model };
  }
}
