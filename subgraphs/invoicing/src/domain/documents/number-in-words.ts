/** Short-scale names of 10^3 … 10^33; an invoice amount never comes near the last. */
const SCALES = ["", "thousand", "million", "billion", "trillion", "quadrillion", "quintillion", "sextillion", "septillion", "octillion", "nonillion", "decillion"];
const ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/** The largest whole number `cardinalInWords` can name: 10^36 − 1. */
export const MAX_CARDINAL_IN_WORDS = 10n ** BigInt(3 * SCALES.length) - 1n;

/**
 * A whole number 0 ≤ n ≤ 10^36 − 1 in lower-case US English, short scale: 1234 → "one thousand two hundred thirty-four".
 * Tens are hyphenated ("twenty-one") and there is no "and" inside a number, so that on an invoice "and" only ever
 * separates the major from the minor unit.
 */
export function cardinalInWords(n: bigint): string {
  if (n < 0n || n > MAX_CARDINAL_IN_WORDS) throw new RangeError(`cardinalInWords needs a whole number from 0 to 10^36 - 1, got ${n}`);
  if (n === 0n) return ONES[0];
  const words: string[] = [];
  for (let scale = SCALES.length - 1; scale >= 0; scale--) {
    const group = Number((n / 10n ** BigInt(3 * scale)) % 1000n);
    if (group === 0) continue;
    words.push(belowThousand(group));
    if (SCALES[scale]) words.push(SCALES[scale]);
  }
  return words.join(" ");
}

function belowThousand(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const words: string[] = [];
  if (hundreds > 0) words.push(ONES[hundreds], "hundred");
  if (rest > 0) words.push(belowHundred(rest));
  return words.join(" ");
}

function belowHundred(n: number): string {
  if (n < 20) return ONES[n];
  const ones = n % 10;
  return ones === 0 ? TENS[Math.floor(n / 10)] : `${TENS[Math.floor(n / 10)]}-${ONES[ones]}`;
}
