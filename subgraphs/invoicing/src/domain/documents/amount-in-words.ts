import { Decimal } from "@intersettle/shared";
import { CURRENCY_UNIT_NAMES, type UnitName } from "./currency-unit-names";
import { cardinalInWords, MAX_CARDINAL_IN_WORDS } from "./number-in-words";
import { requireRoundedAmount } from "./rounded-amount";

/**
 * An amount in English words for a document, as in "One thousand two hundred thirty-four pounds and fifty-six pence".
 *
 * - The amount must already be rounded to the currency's ISO 4217 minor digits; otherwise a RangeError names the
 *   currency and its decimals (see requireRoundedAmount).
 * - Numbers are US style: short scale, hyphenated tens, no "and" inside a number; "and" only joins major and minor.
 * - A zero part is left out ("One dollar", "One cent"); zero itself is "Zero" and the major plural ("Zero pounds").
 * - A negative amount (a credit note) starts with "Minus"; negative zero is plain zero.
 * - A currency without English names in CURRENCY_UNIT_NAMES is named by its code, and its minor part as a fraction
 *   of the major unit: "One thousand ARS and twelve hundredths", "One CLF and one ten-thousandth". The major part is
 *   then always written, even when zero ("Zero ARS and five hundredths"), so that the currency is never lost.
 */
export function amountInWords(amount: Decimal, currency: string): string {
  const digits = requireRoundedAmount(amount, currency);
  const magnitude = amount.abs();
  const wholeUnits = magnitude.trunc();
  if (wholeUnits.greaterThan(MAX_CARDINAL_IN_WORDS.toString())) throw new RangeError(`${amount.toFixed()} ${currency} is too large to write in words`);
  const major = BigInt(wholeUnits.toFixed());
  const minor = BigInt(magnitude.minus(wholeUnits).times(new Decimal(10).pow(digits)).toFixed());

  const names = CURRENCY_UNIT_NAMES[currency];
  const minorName = names?.minor ?? fractionName(digits);
  const majorName = names?.major ?? { one: currency, many: currency };
  const parts: string[] = [];
  if (major > 0n || minor === 0n || !names) parts.push(count(major, majorName));
  if (minor > 0n) parts.push(count(minor, minorName));

  const words = parts.join(" and ");
  return amount.isNegative() && !amount.isZero() ? `Minus ${words}` : capitalize(words);
}

function count(n: bigint, name: UnitName): string {
  return `${cardinalInWords(n)} ${n === 1n ? name.one : name.many}`;
}

/** The minor unit of a currency we have no name for, as a fraction of its major unit: "hundredth", "ten-thousandth". */
function fractionName(digits: number): UnitName {
  const denominator = cardinalInWords(10n ** BigInt(digits)).replace(/^one /, "").replace(/ /g, "-");
  return { one: `${denominator}th`, many: `${denominator}ths` };
}

function capitalize(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

