import { Decimal } from "@intersettle/shared";
import { ShareModel, type PartyRole, type ShareAgreementTerms, type ShareRule, type TierBasis, type WaterfallStep } from "../../domain";
import type { ShareAgreement } from "./share-agreement.entity";

/** An agreement's deductions and waterfall as jsonb: the domain's terms with every amount as an exact string. */
export interface StoredTerms {
  deductions: { tax: boolean; refunds: boolean; chargebacks: boolean; badDebt: boolean; badDebtPercent: string; platformFeePercent: string; platformFeePerTransaction: string };
  waterfall: StoredStep[];
}

interface StoredStep {
  partyRole: PartyRole;
  partnerId: string | null;
  rule: StoredRule;
  minimumGuarantee: string | null;
  cap: string | null;
}

type StoredRule =
  | { model: ShareModel.PERCENT; percent: string }
  | { model: ShareModel.TIERED_MARGINAL | ShareModel.TIERED_WHOLE; basis: TierBasis; tiers: Array<{ from: string; percent: string }> }
  | { model: ShareModel.FIXED_PER_TRANSACTION; fee: string }
  | { model: ShareModel.REMAINDER };

const text = (d: Decimal | null) => (d === null ? null : d.toFixed());
const decimal = (s: string | null) => (s === null ? null : new Decimal(s));

export function storedTerms(terms: Pick<ShareAgreementTerms, "deductions" | "waterfall">): StoredTerms {
  const d = terms.deductions;
  return {
    deductions: { ...d, badDebtPercent: d.badDebtPercent.toFixed(), platformFeePercent: d.platformFeePercent.toFixed(), platformFeePerTransaction: d.platformFeePerTransaction.toFixed() },
    waterfall: terms.waterfall.map((step) => ({ partyRole: step.partyRole, partnerId: step.partnerId, rule: storedRule(step.rule), minimumGuarantee: text(step.minimumGuarantee), cap: text(step.cap) })),
  };
}

function storedRule(rule: ShareRule): StoredRule {
  switch (rule.model) {
    case ShareModel.PERCENT:
      return { model: rule.model, percent: rule.percent.toFixed() };
    case ShareModel.TIERED_MARGINAL:
    case ShareModel.TIERED_WHOLE:
      return { model: rule.model, basis: rule.basis, tiers: rule.tiers.map((t) => ({ from: t.from.toFixed(), percent: t.percent.toFixed() })) };
    case ShareModel.FIXED_PER_TRANSACTION:
      return { model: rule.model, fee: rule.fee.toFixed() };
    case ShareModel.REMAINDER:
      return { model: rule.model };
  }
}

function domainRule(rule: StoredRule): ShareRule {
  switch (rule.model) {
    case ShareModel.PERCENT:
      return { model: rule.model, percent: new Decimal(rule.percent) };
    case ShareModel.TIERED_MARGINAL:
    case ShareModel.TIERED_WHOLE:
      return { model: rule.model, basis: rule.basis, tiers: rule.tiers.map((t) => ({ from: new Decimal(t.from), percent: new Decimal(t.percent) })) };
    case ShareModel.FIXED_PER_TRANSACTION:
      return { model: rule.model, fee: new Decimal(rule.fee) };
    case ShareModel.REMAINDER:
      return { model: rule.model };
  }
}

/** The domain's terms of a stored agreement version. */
export function agreementTerms(agreement: Pick<ShareAgreement, "agreementVersion" | "effectiveFrom" | "effectiveTo" | "currency" | "terms">): ShareAgreementTerms {
  const d = agreement.terms.deductions;
  return {
    version: agreement.agreementVersion,
    effectiveFrom: agreement.effectiveFrom,
    effectiveTo: agreement.effectiveTo,
    currency: agreement.currency,
    deductions: { ...d, badDebtPercent: new Decimal(d.badDebtPercent), platformFeePercent: new Decimal(d.platformFeePercent), platformFeePerTransaction: new Decimal(d.platformFeePerTransaction) },
    waterfall: agreement.terms.waterfall.map(
      (s): WaterfallStep => ({ partyRole: s.partyRole, partnerId: s.partnerId, rule: domainRule(s.rule), minimumGuarantee: decimal(s.minimumGuarantee), cap: decimal(s.cap) }),
    ),
  };
}
