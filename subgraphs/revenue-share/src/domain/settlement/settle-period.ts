import { currencyMinorUnits, Decimal, type FieldProblem } from "@intersettle/shared";
import type { ShareAgreementTerms, WaterfallStep } from "../agreements/agreement-terms";
import { shareTermsProblems } from "../agreements/terms-problems";
import { deductionLines } from "./deductions";
import { exactAmount, splitExactly } from "./exact-split";
import { withLateAdjustments, type LateUsage } from "./late-adjustments";
import type { PartyShare, PeriodSettlement, ShareLine } from "./period-settlement";
import { CurrencyMismatchError, type PeriodUsage } from "./period-usage";
import { ruleLines } from "./share-rules";

/**
 * Settles one service's period under one agreement version: deductions off gross give net; the waterfall divides net
 * (each step's rule takes from what the steps before it left, the last takes the remainder); guarantees and caps move
 * money between a partner and the operator; shares are rounded to minor units by largest remainder so that they sum
 * exactly to net. `late` re-settles earlier periods with their late refunds and chargebacks and adds the difference
 * per party as adjustment lines.
 */
export function settlePeriod(terms: ShareAgreementTerms, usage: PeriodUsage, late: LateUsage[] = []): PeriodSettlement {
  return withLateAdjustments(settleUsage(terms, usage), late, settleUsage);
}

export class InvalidTermsError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid agreement terms: ${problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`);
    this.name = "InvalidTermsError";
  }
}

/** The settlement of one period's own usage, without adjustments. */
export function settleUsage(terms: ShareAgreementTerms, usage: PeriodUsage): PeriodSettlement {
  const problems = shareTermsProblems(terms);
  if (problems.length > 0) throw new InvalidTermsError(problems);
  if (usage.currency !== terms.currency) throw new CurrencyMismatchError(terms.currency, usage.currency);
  const decimals = currencyMinorUnits(terms.currency);
  const gross = usage.gross.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  const deductions = deductionLines(terms.deductions, usage, decimals);
  const net = deductions.reduce((n, d) => n.minus(d.amount), gross);

  const steps = divide(terms.waterfall, net, usage.transactions);
  const finals = bound(steps, net);
  const rounded = splitExactly(net, finals, decimals);
  const shares = steps.map((step, i) => partyShare(step, finals[i], rounded[i], decimals));
  settleOperatorSide(shares);
  for (const [i, share] of shares.entries()) share.lines = roundLines(steps[i].lines, share.ruleShare, decimals);
  return { currency: terms.currency, version: terms.version, transactions: usage.transactions, gross, deductions, net, shares };
}

interface DividedStep {
  step: WaterfallStep;
  lines: ShareLine[];
  /** Exact. */
  ruleShare: Decimal;
}

/** The waterfall on the rules alone: each step's rule applied to what is left. */
function divide(waterfall: WaterfallStep[], net: Decimal, transactions: number): DividedStep[] {
  let left = net;
  return waterfall.map((step) => {
    const lines = ruleLines(step.rule, left, transactions);
    const ruleShare = lines.reduce((s, l) => s.plus(l.amount), new Decimal(0));
    left = left.minus(ruleShare);
    return { step, lines, ruleShare };
  });
}

/**
 * Each partner's exact share within its guarantee and cap; the operator (first step) takes what is left, so it funds
 * the top-ups — going negative if it must — and receives the excesses. Other partners' shares never move.
 */
function bound(steps: DividedStep[], net: Decimal): Decimal[] {
  const partners = steps.slice(1).map(({ step, ruleShare }) => {
    let share = ruleShare;
    if (step.minimumGuarantee && share.lessThan(step.minimumGuarantee)) share = step.minimumGuarantee;
    if (step.cap && share.greaterThan(step.cap)) share = step.cap;
    return share;
  });
  return [exactAmount(partners.reduce((left, s) => left.minus(s), net)), ...partners];
}

function partyShare({ step, ruleShare: exactRule }: DividedStep, exactShare: Decimal, share: Decimal, decimals: number): PartyShare {
  const zero = new Decimal(0);
  const toppedUp = step.minimumGuarantee !== null && exactRule.lessThan(step.minimumGuarantee);
  const capped = step.cap !== null && exactRule.greaterThan(step.cap);
  // A bound share is at minor units already and kept by the rounding; its rule share is shown rounded beside it.
  const ruleShare = toppedUp || capped ? exactRule.toDecimalPlaces(decimals, Decimal.ROUND_HALF_EVEN) : share;
  return {
    partyRole: step.partyRole,
    partnerId: step.partnerId,
    lines: [],
    ruleShare,
    minimumGuaranteeTopUp: toppedUp ? share.minus(ruleShare) : zero,
    capAdjustment: capped ? share.minus(ruleShare) : zero,
    capApplied: capped,
    share,
    exactShare,
    adjustments: [],
    payable: share,
  };
}

/** The operator's top-ups funded and excesses received mirror the partners'; its rule share is what remains. */
function settleOperatorSide(shares: PartyShare[]): void {
  const [operator, ...partners] = shares;
  operator.minimumGuaranteeTopUp = partners.reduce((s, p) => s.minus(p.minimumGuaranteeTopUp), new Decimal(0));
  operator.capAdjustment = partners.reduce((s, p) => s.minus(p.capAdjustment), new Decimal(0));
  operator.ruleShare = operator.share.minus(operator.minimumGuaranteeTopUp).minus(operator.capAdjustment);
}

function roundLines(lines: ShareLine[], ruleShare: Decimal, decimals: number): ShareLine[] {
  const amounts = splitExactly(ruleShare, lines.map((l) => l.amount), decimals);
  return lines.map((l, i) => ({ ...l, base: l.base.toDecimalPlaces(decimals, Decimal.ROUND_HALF_EVEN), amount: amounts[i] }));
}
