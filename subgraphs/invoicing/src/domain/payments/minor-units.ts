import { currencyMinorUnits, type Decimal } from "@intersettle/shared";

/** Why `amount` cannot be an amount of `currency` (more decimals than its minor units), or undefined when it can. */
export function minorUnitsProblem(amount: Decimal, currency: string): string | undefined {
  const digits = currencyMinorUnits(currency);
  return amount.decimalPlaces() > digits ? `${amount.toFixed()} has more than the ${digits} decimals ${currency} allows` : undefined;
}
