import { Decimal, roundMoney, RoundingMode } from "@intersettle/shared";
import { UsageUnit, type UsageLine } from "./usage-line";

/**
 * Minutes to print for a line's billed seconds, in decimal arithmetic to `decimals` places (half up), or null for
 * usage counted in units. Display only: the line keeps the exact seconds, and amounts never derive from this.
 */
export function billedMinutes(usage: Pick<UsageLine, "unit" | "quantity">, decimals = 2): Decimal | null {
  if (usage.unit !== UsageUnit.SECOND) return null;
  return roundMoney(new Decimal(usage.quantity).dividedBy(60), { decimals, mode: RoundingMode.HALF_UP });
}
