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

/** A statement line in words, with the numbers it was computed from, so a partner can check it by hand. */
export function lineDescription(line: Omit<StatementLine, "description">): string {
  const n = (d: { toFixed(): string } | null) => (d === null ? "" : d.toFixed());
  switch (line.kind) {
    case StatementLineKind.GROSS:
      return `Gross revenue, ${line.transactions} transactions`;
    case StatementLineKind.DEDUCTION: {
      const label = DEDUCTIONS[line.deduction!];
      if (line.rate === null) return label;
      if (line.deduction === DeductionKind.TRANSACTION_FEE) return `${label}: ${n(line.rate)} × ${line.transactions} transactions`;
      return `${label}: ${n(line.rate)}% of ${n(line.base)}`;
    }
    case StatementLineKind.NET:
      return "Net revenue";
    case StatementLineKind.SHARE:
      return shareDescription(line, n);
    case StatementLineKind.MINIMUM_GUARANTEE:
      return "Minimum guarantee top-up";
    case StatementLineKind.CAP:
      return "Cap: the excess returns to the operator";
    case StatementLineKind.ADJUSTMENT:
      return `Adjustment for ${line.adjustedFirstDate} to ${line.adjustedLastDate}: late refunds and chargebacks (stated ${n(line.base)})`;
  }
}

function shareDescription(line: Omit<StatementLine, "description">, n: (d: { toFixed(): string } | null) => string): string {
  const from = line.basis === TierBasis.VOLUME ? `from ${n(line.tierFrom)} transactions` : `from ${n(line.tierFrom)}`;
  switch (line.model) {
    case ShareModel.PERCENT:
      return `${n(line.rate)}% of ${n(line.base)}`;
    case ShareModel.REMAINDER:
      return `Remainder: ${n(line.base)}`;
    case ShareModel.FIXED_PER_TRANSACTION:
      return `${n(line.rate)} × ${line.transactions} transactions`;
    case ShareModel.TIERED_WHOLE:
      return `Tier ${line.tier} reached (${from}): ${n(line.rate)}% of ${n(line.base)}`;
    case ShareModel.TIERED_MARGINAL: {
      const slice = line.basis === TierBasis.VOLUME ? ` (${line.transactions} transactions)` : "";
      return `Tier ${line.tier} (${from}): ${n(line.rate)}% of ${n(line.base)}${slice}`;
    }
    default:
      return "Share";
  }
}
