import { currencyMinorUnits, currencyProblem, isIsoDate, type Decimal, type FieldProblem } from "@intersettle/shared";
import { PartyRole } from "./content-service";
import { ShareModel, TierBasis, type DeductionTerms, type ShareAgreementTerms, type ShareRule, type WaterfallStep } from "./agreement-terms";

/** Every problem with one agreement version, each naming its field (`waterfall.2.rule.tiers.1.from`). */
export function shareTermsProblems(terms: ShareAgreementTerms): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });
  if (!Number.isInteger(terms.version) || terms.version < 1) problem("version", "must be a whole number from 1");
  if (!isIsoDate(terms.effectiveFrom)) problem("effectiveFrom", `'${terms.effectiveFrom}' is not a date (YYYY-MM-DD)`);
  if (terms.effectiveTo !== null && !isIsoDate(terms.effectiveTo)) problem("effectiveTo", `'${terms.effectiveTo}' is not a date (YYYY-MM-DD)`);
  else if (terms.effectiveTo !== null && terms.effectiveTo < terms.effectiveFrom) problem("effectiveTo", `must not be before effectiveFrom ${terms.effectiveFrom}`);
  const currencyIssue = currencyProblem(terms.currency);
  if (currencyIssue) problem("currency", currencyIssue);
  const decimals = currencyIssue ? undefined : currencyMinorUnits(terms.currency);
  deductionProblems(terms.deductions, problem);
  waterfallProblems(terms.waterfall, decimals, problem);
  return problems;
}

type Problem = (field: string, message: string) => void;

function deductionProblems(d: DeductionTerms, problem: Problem): void {
  for (const field of ["badDebtPercent", "platformFeePercent"] as const) percentProblem(d[field], `deductions.${field}`, problem);
  if (d.platformFeePerTransaction.lessThan(0)) problem("deductions.platformFeePerTransaction", "must be 0 or more");
  // Both would take bad debt off twice: once as reported, once as a provision for it.
  if (d.badDebt && !d.badDebtPercent.isZero()) problem("deductions.badDebtPercent", "must be 0 when the actual bad debt is deducted");
}

function waterfallProblems(steps: WaterfallStep[], decimals: number | undefined, problem: Problem): void {
  if (steps.length < 2) return problem("waterfall", "needs the operator and at least one partner");
  const seen = new Set<string>();
  steps.forEach((step, i) => {
    const at = `waterfall.${i}`;
    const operator = step.partyRole === PartyRole.OPERATOR;
    if (i === 0 && !operator) problem(`${at}.partyRole`, "the first step must be the OPERATOR");
    if (i > 0 && operator) problem(`${at}.partyRole`, "only the first step is the OPERATOR");
    if (operator && step.partnerId !== null) problem(`${at}.partnerId`, "must be null for the OPERATOR");
    if (!operator && !step.partnerId) problem(`${at}.partnerId`, "is required for a partner");
    if (step.partnerId && seen.has(step.partnerId)) problem(`${at}.partnerId`, `'${step.partnerId}' already has a step`);
    if (step.partnerId) seen.add(step.partnerId);
    const last = i === steps.length - 1;
    if (last && step.rule.model !== ShareModel.REMAINDER) problem(`${at}.rule.model`, "the last step takes the REMAINDER");
    if (!last && step.rule.model === ShareModel.REMAINDER) problem(`${at}.rule.model`, "only the last step takes the REMAINDER");
    ruleProblems(step.rule, `${at}.rule`, problem);
    boundProblems(step, operator, decimals, at, problem);
  });
}

function ruleProblems(rule: ShareRule, at: string, problem: Problem): void {
  if (rule.model === ShareModel.PERCENT) percentProblem(rule.percent, `${at}.percent`, problem);
  if (rule.model === ShareModel.FIXED_PER_TRANSACTION && rule.fee.lessThan(0)) problem(`${at}.fee`, "must be 0 or more");
  if (rule.model !== ShareModel.TIERED_MARGINAL && rule.model !== ShareModel.TIERED_WHOLE) return;
  if (rule.tiers.length === 0) return problem(`${at}.tiers`, "needs at least one tier");
  if (!rule.tiers[0].from.isZero()) problem(`${at}.tiers.0.from`, "the first tier starts at 0");
  rule.tiers.forEach((tier, i) => {
    percentProblem(tier.percent, `${at}.tiers.${i}.percent`, problem);
    if (i > 0 && !tier.from.greaterThan(rule.tiers[i - 1].from)) problem(`${at}.tiers.${i}.from`, `must be above the previous tier's ${rule.tiers[i - 1].from.toFixed()}`);
    if (rule.basis === TierBasis.VOLUME && !tier.from.isInteger()) problem(`${at}.tiers.${i}.from`, "counts transactions: a whole number");
  });
}

function boundProblems(step: WaterfallStep, operator: boolean, decimals: number | undefined, at: string, problem: Problem): void {
  for (const field of ["minimumGuarantee", "cap"] as const) {
    const amount = step[field];
    if (amount === null) continue;
    // The operator funds guarantees and receives cap excesses: bounds on its own share would be circular.
    if (operator) problem(`${at}.${field}`, "the OPERATOR has none");
    if (amount.lessThan(0)) problem(`${at}.${field}`, "must be 0 or more");
    if (decimals !== undefined && amount.decimalPlaces() > decimals) problem(`${at}.${field}`, `has more than the currency's ${decimals} decimals`);
  }
  if (step.minimumGuarantee && step.cap && step.cap.lessThan(step.minimumGuarantee)) problem(`${at}.cap`, `must not be below the minimum guarantee ${step.minimumGuarantee.toFixed()}`);
}

function percentProblem(value: Decimal, field: string, problem: Problem): void {
  if (value.lessThan(0) || value.greaterThan(100)) problem(field, `'${value.toFixed()}' must be from 0 to 100`);
}
