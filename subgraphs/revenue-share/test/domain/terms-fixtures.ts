import { Decimal } from "@intersettle/shared";
import { PartyRole, ShareModel, TierBasis, type DeductionTerms, type PeriodUsage, type ShareAgreementTerms, type ShareRule, type WaterfallStep } from "../../src/domain";

export const d = (value: Decimal.Value) => new Decimal(value);

export const noDeductions: DeductionTerms = { tax: false, refunds: false, chargebacks: false, badDebt: false, badDebtPercent: d(0), platformFeePercent: d(0), platformFeePerTransaction: d(0) };

export const percent = (p: Decimal.Value): ShareRule => ({ model: ShareModel.PERCENT, percent: d(p) });
export const remainder: ShareRule = { model: ShareModel.REMAINDER };
export const fixedFee = (fee: Decimal.Value): ShareRule => ({ model: ShareModel.FIXED_PER_TRANSACTION, fee: d(fee) });
export const tiers = (model: ShareModel.TIERED_MARGINAL | ShareModel.TIERED_WHOLE, basis: TierBasis, ...t: Array<[Decimal.Value, Decimal.Value]>): ShareRule => ({
  model,
  basis,
  tiers: t.map(([from, p]) => ({ from: d(from), percent: d(p) })),
});

export function operator(rule: ShareRule): WaterfallStep {
  return { partyRole: PartyRole.OPERATOR, partnerId: null, rule, minimumGuarantee: null, cap: null };
}

export function partner(partyRole: PartyRole, partnerId: string, rule: ShareRule, bounds: { minimumGuarantee?: Decimal.Value; cap?: Decimal.Value } = {}): WaterfallStep {
  return { partyRole, partnerId, rule, minimumGuarantee: bounds.minimumGuarantee === undefined ? null : d(bounds.minimumGuarantee), cap: bounds.cap === undefined ? null : d(bounds.cap) };
}

export function terms(waterfall: WaterfallStep[], more: Partial<ShareAgreementTerms> = {}): ShareAgreementTerms {
  return { version: 1, effectiveFrom: "2026-01-01", effectiveTo: null, currency: "USD", deductions: noDeductions, waterfall, ...more };
}

export function usage(gross: Decimal.Value, transactions: number, more: Partial<Omit<PeriodUsage, "gross" | "transactions">> = {}): PeriodUsage {
  return { currency: "USD", transactions, gross: d(gross), tax: d(0), refunds: d(0), chargebacks: d(0), badDebt: d(0), ...more };
}

type Amounts = "share" | "ruleShare" | "minimumGuaranteeTopUp" | "capAdjustment" | "payable";

/** One amount of each party as text with `decimals`, keyed by partner id (the operator as OPERATOR). */
export function amountsOf(settlement: { shares: Array<{ partnerId: string | null } & Record<Amounts, Decimal>> }, field: Amounts = "share", decimals = 2): Record<string, string> {
  return Object.fromEntries(settlement.shares.map((s) => [s.partnerId ?? "OPERATOR", s[field].toFixed(decimals)]));
}
