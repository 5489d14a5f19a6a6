import { currencyMinorUnits, type Decimal } from "@intersettle/shared";

/** Why `amount` cannot be an amount of `currency` (more decimals than its minor units), or undefined when it can. */
export function minorUnitsProblem(amount: Decimal, currency: string): string | undefined {
  const digits = currencyMinorUnits(currency);
  return amount.decimalPlaces() > digits ? `${amount.toFixed()} has more than the ${digits} decimals ${currency} allows` : undefined;
}

/** An amount written for a person: at least the currency's minor units (50.00 USD, 50 JPY), never fewer digits than it has. */
export function formatAmount(amount: Decimal, currency: string): string {
  return amount.toFixed(Math.max(currencyMinorUnits(currency), amount.decimalPlaces()));
}
