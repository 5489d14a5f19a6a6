import type { Decimal } from "@intersettle/shared";
import { requireRoundedAmount } from "./rounded-amount";

/**
 * An amount in figures for a document: the ISO code, a space, then the amount with comma thousands separators, a
 * point and exactly the currency's minor digits: "GBP 1,234.56", "JPY 1,000,000", "BHD 1.005". A negative amount
 * carries its sign on the number, after the code ("GBP -1,234.56"), so the code stays aligned in a column of
 * amounts; negative zero is "GBP 0.00". The amount must already be rounded to the currency's minor digits.
 */
export function formatAmountFigures(amount: Decimal, currency: string): string {
  const digits = requireRoundedAmount(amount, currency);
  const [whole, fraction] = amount.abs().toFixed(digits).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ",");
  const sign = amount.isNegative() && !amount.isZero() ? "-" : "";
  return `${currency} ${sign}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}
