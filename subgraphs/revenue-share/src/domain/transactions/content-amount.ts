/**
 * A content amount as written in a file or batch: a plain decimal of at most 12 whole digits (leading zeros aside)
 * and 6 decimals, zero or more (a refund is its own record, with status REFUNDED, never a negative charge). Kept as
 * text, never a float, and compared digit by digit. Scanned by hand: it runs twice for every record of big files.
 */
const MAX_WHOLE = 12;
const MAX_FRACTION = 6;

/** The amount without leading zeros or trailing decimal zeros ("007.50" → "7.5"), or undefined when it is not one. */
export function parseAmount(text: string): string | undefined {
  const n = text.length;
  let dot = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === DOT && dot === -1) dot = i;
    else if (c < ZERO || c > NINE) return undefined;
  }
  const whole = dot === -1 ? n : dot;
  if (whole === 0 || (dot !== -1 && (dot === n - 1 || n - dot - 1 > MAX_FRACTION))) return undefined;
  // Leading zeros do not count towards the whole digits.
  let from = 0;
  while (from < whole - 1 && text.charCodeAt(from) === ZERO) from++;
  if (whole - from > MAX_WHOLE) return undefined;
  let to = n;
  if (dot !== -1) {
    while (to > dot + 1 && text.charCodeAt(to - 1) === ZERO) to--;
    if (to === dot + 1) to = dot;
  }
  return from === 0 && to === n ? text : text.slice(from, to);
}

/** Whether amount `a` is greater than `b`, both as parseAmount returns them. */
export function amountExceeds(a: string, b: string): boolean {
  const aDot = a.indexOf(".");
  const bDot = b.indexOf(".");
  const aWhole = aDot === -1 ? a.length : aDot;
  const bWhole = bDot === -1 ? b.length : bDot;
  if (aWhole !== bWhole) return aWhole > bWhole;
  // Same number of whole digits: digit by digit, the point and a missing decimal digit counting as 0.
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = i < a.length && i !== aWhole ? a.charCodeAt(i) : ZERO;
    const y = i < b.length && i !== bWhole ? b.charCodeAt(i) : ZERO;
    if (x !== y) return x > y;
  }
  return false;
}

const DOT = 46;
const ZERO = 48;
const NINE = 57;
