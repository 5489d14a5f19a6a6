import fc from "fast-check";
import { Decimal } from "@intersettle/shared";
import { PartyRole, ShareModel, TierBasis, type DeductionTerms, type PeriodUsage, type ShareAgreementTerms, type ShareRule, type ShareTier, type WaterfallStep } from "../../src/domain";

export const CURRENCIES: Record<string, number> = { USD: 2, JPY: 0, BHD: 3 };

/** An amount in minor units of a currency with `decimals`, up to 10^7 major units. */
export const money = (decimals: number, max = 10_000_000) => fc.integer({ min: 0, max: max * 10 ** decimals }).map((n) => new Decimal(n).dividedBy(10 ** decimals));

/** 0–100 with up to 4 decimals, biased to round numbers and the ends. */
export const percentArb = fc.oneof(fc.constantFrom(0, 100, 50).map((p) => new Decimal(p)), fc.integer({ min: 0, max: 1_000_000 }).map((n) => new Decimal(n).dividedBy(10_000)));

export function tiersArb(basis: TierBasis, decimals: number): fc.Arbitrary<ShareTier[]> {
  const from = basis === TierBasis.VOLUME ? fc.integer({ min: 1, max: 50_000 }).map((n) => new Decimal(n)) : money(decimals, 100_000).filter((m) => m.greaterThan(0));
  return fc
    .tuple(fc.uniqueArray(from, { maxLength: 4, selector: (f) => f.toFixed() }), fc.array(percentArb, { minLength: 5, maxLength: 5 }))
    .map(([froms, percents]) => [new Decimal(0), ...froms.sort((a, b) => a.comparedTo(b))].map((f, i) => ({ from: f, percent: percents[i] })));
}

/** A rule for a non-last step; `monotone` leaves out whole-volume tiers, whose jumps can take revenue from the steps below. */
export function ruleArb(decimals: number, monotone = false): fc.Arbitrary<ShareRule> {
  const tiered = (model: ShareModel.TIERED_MARGINAL | ShareModel.TIERED_WHOLE) =>
    fc.constantFrom(TierBasis.VOLUME, TierBasis.REVENUE).chain((basis) => tiersArb(basis, decimals).map((tiers) => ({ model, basis, tiers }) as ShareRule));
  const fee = fc.integer({ min: 0, max: 100_000 }).map((n) => ({ model: ShareModel.FIXED_PER_TRANSACTION, fee: new Decimal(n).dividedBy(10_000) }) as ShareRule);
  const rules = [percentArb.map((percent) => ({ model: ShareModel.PERCENT, percent }) as ShareRule), tiered(ShareModel.TIERED_MARGINAL), fee];
  return monotone ? fc.oneof(...rules) : fc.oneof(...rules, tiered(ShareModel.TIERED_WHOLE));
}

/** A guarantee and a cap, each perhaps absent, the cap never below the guarantee. */
export function boundsArb(decimals: number): fc.Arbitrary<Pick<WaterfallStep, "minimumGuarantee" | "cap">> {
  const amount = fc.option(money(decimals, 1_000_000), { nil: null });
  return fc.tuple(amount, amount).map(([a, b]) => (a && b && b.lessThan(a) ? { minimumGuarantee: b, cap: a } : { minimumGuarantee: a, cap: b }));
}

const PARTNER_ROLES = [PartyRole.AGGREGATOR, PartyRole.PLATFORM_ENABLER, PartyRole.CONTENT_PROVIDER];

export function waterfallArb(decimals: number, monotone = false): fc.Arbitrary<WaterfallStep[]> {
  const step = (i: number) => fc.tuple(ruleArb(decimals, monotone), boundsArb(decimals)).map(([rule, bounds]) => ({ partyRole: PARTNER_ROLES[i % 3], partnerId: `p${i}`, rule, ...bounds }));
  return fc.tuple(ruleArb(decimals, monotone), fc.integer({ min: 0, max: 2 }), boundsArb(decimals)).chain(([operatorRule, middle, lastBounds]) =>
    fc.tuple(...Array.from({ length: middle }, (_, i) => step(i))).map((steps) => [
      { partyRole: PartyRole.OPERATOR, partnerId: null, rule: operatorRule, minimumGuarantee: null, cap: null },
      ...steps,
      { partyRole: PartyRole.CONTENT_PROVIDER, partnerId: `p${middle}`, rule: { model: ShareModel.REMAINDER }, ...lastBounds },
    ]),
  );
}

export const deductionsArb: fc.Arbitrary<DeductionTerms> = fc
  .record({ tax: fc.boolean(), refunds: fc.boolean(), chargebacks: fc.boolean(), badDebt: fc.boolean(), badDebtPercent: percentArb, platformFeePercent: percentArb, platformFeePerTransaction: fc.integer({ min: 0, max: 1000 }).map((n) => new Decimal(n).dividedBy(1000)) })
  .map((d) => (d.badDebt ? { ...d, badDebtPercent: new Decimal(0) } : d));

/** Deductions that do not grow with gross (no percent of it): more gross is then more net. */
export const fixedDeductionsArb: fc.Arbitrary<DeductionTerms> = deductionsArb.map((d) => ({ ...d, badDebtPercent: new Decimal(0), platformFeePercent: new Decimal(0) }));

export function termsArb(currency: string, options: { monotone?: boolean; deductions?: fc.Arbitrary<DeductionTerms> } = {}): fc.Arbitrary<ShareAgreementTerms> {
  const decimals = CURRENCIES[currency];
  return fc.tuple(options.deductions ?? deductionsArb, waterfallArb(decimals, options.monotone)).map(([deductions, waterfall]) => ({ version: 1, effectiveFrom: "2026-01-01", effectiveTo: null, currency, deductions, waterfall }));
}

export function usageArb(currency: string): fc.Arbitrary<PeriodUsage> {
  const decimals = CURRENCIES[currency];
  return fc.record({ transactions: fc.integer({ min: 0, max: 100_000 }), gross: money(decimals), tax: money(decimals, 1_000_000), refunds: money(decimals, 100_000), chargebacks: money(decimals, 100_000), badDebt: money(decimals, 100_000) }).map((u) => ({ currency, ...u }));
}

export const currencyArb = fc.constantFrom(...Object.keys(CURRENCIES));
