import type { Decimal } from "@intersettle/shared";
import { ShareModel, TierBasis } from "../agreements/agreement-terms";
import { DeductionKind } from "../settlement/period-settlement";
import { StatementLineKind, type StatementLine } from "./statement-lines";

const DEDUCTIONS: Record<DeductionKind, string> = {
  [DeductionKind.TAX]: "Tax",
  [DeductionKind.REFUNDS]: "Refunds",
  [DeductionKind.CHARGEBACKS]: "Chargebacks",
  [DeductionKind.BAD_DEBT]: "Bad debt",
  [DeductionKind.PLATFORM_FEE]: "Platform fee",
  [DeductionKind.TRANSACTION_FEE]: "Platform fee per transaction",
};

type Text = (d: Decimal | null) => string;

/**
 * A statement line in words, with the numbers it was computed from, so a partner can check it by hand: amounts with
 * the currency's `decimals`, rates and tier starts as agreed.
 */
export function lineDescription(line: Omit<StatementLine, "description">, decimals: number): string {
  const n: Text = (d) => (d === null ? "" : d.toFixed());
  const m: Text = (d) => (d === null ? "" : d.toFixed(decimals));
  switch (line.kind) {
    case StatementLineKind.GROSS:
      return `Gross revenue, ${line.transactions} transactions`;
    case StatementLineKind.DEDUCTION: {
      const label = DEDUCTIONS[line.deduction!];
      if (line.rate === null) return label;
      if (line.deduction === DeductionKind.TRANSACTION_FEE) return `${label}: ${n(line.rate)} × ${line.transactions} transactions`;
      return `${label}: ${n(line.rate)}% of ${m(line.base)}`;
    }
    case StatementLineKind.NET:
      return "Net revenue";
    case StatementLineKind.SHARE:
      return shareDescription(line, n, m);
    case StatementLineKind.MINIMUM_GUARANTEE:
      return "Minimum guarantee top-up";
    case StatementLineKind.CAP:
      return "Cap: the excess returns to the operator";
    case StatementLineKind.ADJUSTMENT:
      return `Adjustment for ${line.adjustedFirstDate} to ${line.adjustedLastDate}: late refunds and chargebacks (stated ${m(line.base)})`;
  }
}

function shareDescription(line: Omit<StatementLine, "description">, n: Text, m: Text): string {
  const from = line.basis === TierBasis.VOLUME ? `from ${n(line.tierFrom)} transactions` : `from ${m(line.tierFrom)}`;
  switch (line.model) {
    case ShareModel.PERCENT:
      return `${n(line.rate)}% of ${m(line.base)}`;
    case ShareModel.REMAINDER:
      return `Remainder: ${m(line.base)}`;
    case ShareModel.FIXED_PER_TRANSACTION:
      return `${n(line.rate)} × ${line.transactions} transactions`;
    case ShareModel.TIERED_WHOLE:
      return `Tier ${line.tier} reached (${from}): ${n(line.rate)}% of ${m(line.base)}`;
    case ShareModel.TIERED_MARGINAL: {
      const slice = line.basis === TierBasis.VOLUME ? ` (${line.transactions} transactions)` : "";
      return `Tier ${line.tier} (${from}): ${n(line.rate)}% of ${m(line.base)}${slice}`;
    }
    default:
      return "Share";
  }
}
