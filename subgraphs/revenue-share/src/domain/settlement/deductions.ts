import { Decimal, roundMoney, RoundingMode } from "@intersettle/shared";
import type { DeductionTerms } from "../agreements/agreement-terms";
import type { PeriodUsage } from "./period-usage";
import { DeductionKind, type DeductionLine } from "./period-settlement";

/**
 * What comes off the usage's gross under `terms`, in minor units, in a fixed order: amounts reported with the usage
 * (tax, refunds, chargebacks, bad debt), then those computed from gross or transactions (a bad-debt provision, the
 * platform's fees), rounded half-up each. A deduction switched off, or at 0%, has no line.
 */
export function deductionLines(terms: DeductionTerms, usage: PeriodUsage, decimals: number): DeductionLine[] {
  const money = (amount: Decimal) => roundMoney(amount, { decimals, mode: RoundingMode.HALF_UP });
  const ofGross = (percent: Decimal) => money(usage.gross.times(percent).dividedBy(100));
  const lines: DeductionLine[] = [];
  const add = (on: boolean, kind: DeductionKind, rate: Decimal | null, amount: () => Decimal) => {
    if (on) lines.push({ kind, rate, amount: amount() });
  };
  add(terms.tax, DeductionKind.TAX, null, () => money(usage.tax));
  add(terms.refunds, DeductionKind.REFUNDS, null, () => money(usage.refunds));
  add(terms.chargebacks, DeductionKind.CHARGEBACKS, null, () => money(usage.chargebacks));
  add(terms.badDebt, DeductionKind.BAD_DEBT, null, () => money(usage.badDebt));
  add(!terms.badDebtPercent.isZero(), DeductionKind.BAD_DEBT, terms.badDebtPercent, () => ofGross(terms.badDebtPercent));
  add(!terms.platformFeePercent.isZero(), DeductionKind.PLATFORM_FEE, terms.platformFeePercent, () => ofGross(terms.platformFeePercent));
  add(!terms.platformFeePerTransaction.isZero(), DeductionKind.TRANSACTION_FEE, terms.platformFeePerTransaction, () => money(terms.platformFeePerTransaction.times(usage.transactions)));
  return lines;
}
