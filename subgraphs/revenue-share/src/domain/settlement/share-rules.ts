import { Decimal } from "@intersettle/shared";
import { ShareModel, TierBasis, type ShareRule, type ShareTier } from "../agreements/agreement-terms";
import type { ShareLine } from "./period-settlement";
import { exactAmount } from "./exact-split";

const HUNDRED = new Decimal(100);

/**
 * What `rule` gives of `base` (what is left to this step) in a period of `transactions` charged transactions, as
 * lines not yet rounded (base and amount to 20 decimals). VOLUME tiers measure transactions and attribute the base to each tier pro rata to its transactions;
 * REVENUE tiers measure the base itself. A tier is reached when the measure is at least its `from`.
 */
export function ruleLines(rule: ShareRule, base: Decimal, transactions: number): ShareLine[] {
  const line = { model: rule.model, tier: null, basis: null, tierFrom: null, transactions, base };
  switch (rule.model) {
    case ShareModel.PERCENT:
      return [{ ...line, rate: rule.percent, amount: percentOf(base, rule.percent) }];
    case ShareModel.REMAINDER:
      return [{ ...line, rate: HUNDRED, amount: base }];
    case ShareModel.FIXED_PER_TRANSACTION:
      return [{ ...line, rate: rule.fee, amount: exactAmount(rule.fee.times(transactions)) }];
    case ShareModel.TIERED_WHOLE: {
      const measure = rule.basis === TierBasis.VOLUME ? new Decimal(transactions) : base;
      const index = tierReached(rule.tiers, measure);
      const tier = rule.tiers[index];
      return [{ ...line, tier: index + 1, basis: rule.basis, tierFrom: tier.from, transactions: rule.basis === TierBasis.VOLUME ? transactions : null, rate: tier.percent, amount: percentOf(base, tier.percent) }];
    }
    case ShareModel.TIERED_MARGINAL:
      return marginalLines(rule.model, rule.basis, rule.tiers, base, transactions);
  }
}

/** The highest tier whose `from` the measure reaches; the first tier (from 0) also takes a negative measure. */
export function tierReached(tiers: ShareTier[], measure: Decimal): number {
  let index = 0;
  tiers.forEach((tier, i) => {
    if (measure.greaterThanOrEqualTo(tier.from)) index = i;
  });
  return index;
}

/** The part of `measure` in each tier: [from, next from). A negative measure lies wholly in the first tier. */
export function tierSlices(tiers: ShareTier[], measure: Decimal): Decimal[] {
  return tiers.map((tier, i) => {
    const end = i + 1 < tiers.length ? Decimal.min(measure, tiers[i + 1].from) : measure;
    return i === 0 ? end : Decimal.max(0, end.minus(tier.from));
  });
}

function marginalLines(model: ShareModel, basis: TierBasis, tiers: ShareTier[], base: Decimal, transactions: number): ShareLine[] {
  const volume = basis === TierBasis.VOLUME;
  const slices = tierSlices(tiers, volume ? new Decimal(transactions) : base);
  const byVolume = volume && transactions > 0 ? prorated(base, slices, tiers, transactions) : null;
  const lines = slices
    .map((slice, i) => {
      // With no transactions there is nothing to attribute by; the base (normally 0) stays in the first tier.
      const tierBase = byVolume ? byVolume.bases[i] : !volume ? slice : i === 0 ? base : new Decimal(0);
      const amount = byVolume ? byVolume.amounts[i] : percentOf(tierBase, tiers[i].percent);
      return { model, tier: i + 1, basis, tierFrom: tiers[i].from, transactions: volume ? slice.toNumber() : null, base: tierBase, rate: tiers[i].percent, amount };
    })
    .filter((l, i) => i === 0 || !(volume ? l.transactions === 0 : l.base.isZero()));
  return lines;
}

/**
 * The base and amount of each volume tier, pro rata to its transactions. Each is a difference of running totals
 * rounded once, so the tiers' bases sum to `base` exactly and their amounts never exceed it: rounding each tier
 * on its own could leave them 1e-20 over, and the next step of the waterfall a negative rest.
 */
function prorated(base: Decimal, slices: Decimal[], tiers: ShareTier[], transactions: number): { bases: Decimal[]; amounts: Decimal[] } {
  const running = (weights: Decimal[], divisor: Decimal) => {
    let total = new Decimal(0);
    let before = new Decimal(0);
    return weights.map((w) => {
      total = total.plus(w);
      const upTo = exactAmount(base.times(total).dividedBy(divisor));
      const part = upTo.minus(before);
      before = upTo;
      return part;
    });
  };
  return {
    bases: running(slices, new Decimal(transactions)),
    amounts: running(
      slices.map((slice, i) => slice.times(tiers[i].percent)),
      HUNDRED.times(transactions),
    ),
  };
}

function percentOf(base: Decimal, percent: Decimal): Decimal {
  return exactAmount(base.times(percent).dividedBy(HUNDRED));
}
