import cc from "currency-codes";

/** True when `code` is an active ISO 4217 alphabetic code (upper case, e.g. USD). */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && cc.code(code) !== undefined;
}

/** Minor-unit digits of an ISO 4217 currency (USD 2, JPY 0, BHD 3). */
export function currencyMinorUnits(code: string): number {
  const entry = cc.code(code);
  if (!entry) throw new Error(`Unknown currency ${code}`);
  return entry.digits;
}

/** A problem message for an invalid currency, or undefined when it is valid. */
export function currencyProblem(code: string): string | undefined {
  return isCurrencyCode(code) ? undefined : `'${code}' is not an ISO 4217 currency code`;
}
