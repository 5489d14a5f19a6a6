/**
 * A content amount as written in a file or batch: a plain decimal of at most 12 whole digits and 6 decimals, zero or
 * more (a refund is its own record, with status REFUNDED, never a negative charge). Kept as text, never a float, and
 * compared digit by digit.
 */
const AMOUNT = /^(\d{1,12})(?:\.(\d{1,6}))?$/;

/** The amount without leading zeros or trailing decimal zeros ("007.50" → "7.5"), or undefined when it is not one. */
export function parseAmount(text: string): string | undefined {
  const match = AMOUNT.exec(text);
  if (!match) return undefined;
  const whole = match[1].replace(/^0+(?=\d)/, "");
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : whole;
}

/** Whether amount `a` is greater than `b`, both as parseAmount returns them. */
export function amountExceeds(a: string, b: string): boolean {
  const [aWhole, aFraction = ""] = a.split(".");
  const [bWhole, bFraction = ""] = b.split(".");
  if (aWhole.length !== bWhole.length) return aWhole.length > bWhole.length;
  if (aWhole !== bWhole) return aWhole > bWhole;
  const width = Math.max(aFraction.length, bFraction.length);
  return aFraction.padEnd(width, "0") > bFraction.padEnd(width, "0");
}
