import type { Decimal } from "@intersettle/shared";
import type { InvoiceSide } from "../billing/invoice-side";

/** An issued invoice of one partner as payments see it. Dates are local dates (YYYY-MM-DD) in the partner's timezone. */
export interface OpenInvoice {
  id: string;
  number: string;
  side: InvoiceSide;
  currency: string;
  issueDate: string;
  dueDate: string;
  total: Decimal;
  openAmount: Decimal;
}

/** Oldest first: by due date, then issue date, then number, so the order is total and the same on every run. */
export function compareOldestFirst(a: OpenInvoice, b: OpenInvoice): number {
  return compareText(a.dueDate, b.dueDate) || compareText(a.issueDate, b.issueDate) || compareInvoiceNumbers(a.number, b.number) || compareText(a.id, b.id);
}

/** Invoice numbers with their digit runs compared as numbers: INV-2026-9 comes before INV-2026-10. */
export function compareInvoiceNumbers(a: string, b: string): number {
  const left = a.match(CHUNK) ?? [];
  const right = b.match(CHUNK) ?? [];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const [x, y] = [left[i], right[i]];
    const byChunk = DIGITS.test(x) && DIGITS.test(y) ? compareDigits(x, y) : compareText(x, y);
    if (byChunk) return byChunk;
  }
  return left.length - right.length || compareText(a, b);
}

const CHUNK = /\d+|\D+/g;
const DIGITS = /^\d/;

// Digit runs of any length compare without parsing: fewer significant digits is the smaller number.
function compareDigits(x: string, y: string): number {
  const [u, v] = [x.replace(/^0+/, ""), y.replace(/^0+/, "")];
  return u.length - v.length || compareText(u, v);
}

// Code-point order, not localeCompare: ISO dates and invoice numbers must sort the same on every server.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
