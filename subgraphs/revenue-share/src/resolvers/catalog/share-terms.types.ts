import { Field, ID, ObjectType } from "type-graphql";
import { Decimal, DecimalScalar } from "@intersettle/shared";
import { PartyRole, ShareModel, TierBasis } from "../../entities";
import type { WaterfallStep } from "../../domain";

@ObjectType({ description: "What comes off gross revenue before anyone shares in it." })
export class ShareDeductions {
  @Field({ description: "Deduct the tax in the usage." }) tax: boolean;
  @Field({ description: "Deduct refunds; when off, the operator bears them alone." }) refunds: boolean;
  @Field({ description: "Deduct chargebacks; when off, the operator bears them alone." }) chargebacks: boolean;
  @Field({ description: "Deduct the actual bad debt reported with the usage." }) badDebt: boolean;
  @Field(() => DecimalScalar, { description: "A bad-debt provision, percent of gross." }) badDebtPercent: Decimal;
  @Field(() => DecimalScalar, { description: "The billing platform's fee, percent of gross." }) platformFeePercent: Decimal;
  @Field(() => DecimalScalar, { description: "The billing platform's fee per charged transaction." }) platformFeePerTransaction: Decimal;
}

@ObjectType({ description: "A tier reached when the measure is at least `from`." })
export class ShareTier {
  @Field(() => DecimalScalar) from: Decimal;
  @Field(() => DecimalScalar) percent: Decimal;
}

@ObjectType({ description: "How a waterfall step takes its share of what the steps before it left." })
export class ShareRuleTerms {
  @Field(() => ShareModel) model: ShareModel;
  @Field(() => DecimalScalar, { nullable: true, description: "PERCENT." }) percent: Decimal | null;
  @Field(() => TierBasis, { nullable: true, description: "Tiered models." }) basis: TierBasis | null;
  @Field(() => [ShareTier], { nullable: true, description: "Tiered models, lowest first." }) tiers: ShareTier[] | null;
  @Field(() => DecimalScalar, { nullable: true, description: "FIXED_PER_TRANSACTION, in the agreement's currency." }) fee: Decimal | null;
}

@ObjectType({ description: "One step of the waterfall: the operator first, then each partner of the chain; the last takes the remainder." })
export class WaterfallStepTerms {
  @Field(() => PartyRole) partyRole: PartyRole;
  @Field(() => ID, { nullable: true, description: "Null for the operator." }) partnerId: string | null;
  @Field(() => ShareRuleTerms) rule: ShareRuleTerms;
  @Field(() => DecimalScalar, { nullable: true, description: "Least the party is paid for a period, topped up from the operator's share." }) minimumGuarantee: Decimal | null;
  @Field(() => DecimalScalar, { nullable: true, description: "Most the party is paid for a period; the excess goes back to the operator." }) cap: Decimal | null;
}

/** The domain's waterfall as these types show it: a rule's fields flattened, those of other models null. */
export function waterfallTerms(waterfall: WaterfallStep[]): WaterfallStepTerms[] {
  return waterfall.map((step) => {
    const rule = step.rule;
    const terms: ShareRuleTerms = { model: rule.model, percent: null, basis: null, tiers: null, fee: null };
    if (rule.model === ShareModel.PERCENT) terms.percent = rule.percent;
    if (rule.model === ShareModel.TIERED_MARGINAL || rule.model === ShareModel.TIERED_WHOLE) Object.assign(terms, { basis: rule.basis, tiers: rule.tiers });
    if (rule.model === ShareModel.FIXED_PER_TRANSACTION) terms.fee = rule.fee;
    return { ...step, rule: terms };
  });
}
