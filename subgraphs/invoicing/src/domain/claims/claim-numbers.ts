import Decimal from "decimal.js";

/**
 * A number as an invoice writes it: 1,234.56 or, with a decimal comma, 1.234,56; spaces (also no-break and thin ones)
 * and apostrophes may group thousands. Undefined unless it is a plain decimal once the grouping is removed.
 */
export function invoiceNumber(text: string, decimalComma: boolean): Decimal | undefined {
  let plain = text.trim().replace(/[\s\u00a0\u202f']/g, "");
  plain = decimalComma ? plain.replace(/\./g, "").replace(",", ".") : plain.replace(/,/g, "");
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(plain)) return undefined;
  return new Decimal(plain);
}
