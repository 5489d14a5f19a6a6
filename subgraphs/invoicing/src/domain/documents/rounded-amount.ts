import { currencyMinorUnits, type Decimal } from "@intersettle/shared";
import { minorUnitsProblem } from "../payments/minor-units";

/**
 * The ISO 4217 minor digits of `currency`, after checking that `amount` is a finite amount already rounded to them.
 * A document prints what was booked; rounding here would print an amount nobody owes, so an unrounded amount is refused.
 */
export function requireRoundedAmount(amount: Decimal, currency: string): number {
  if (!amount.isFinite()) throw new RangeError(`${amount.toString()} is not an amount of ${currency}`);
  const problem = minorUnitsProblem(amount, currency);
  if (problem) throw new RangeError(problem);
  return currencyMinorUnits(currency);
}
