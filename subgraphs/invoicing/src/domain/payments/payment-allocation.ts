import { currencyProblem, Decimal, type FieldProblem } from "@intersettle/shared";
import { invoiceStatus, type PaymentStatus } from "./invoice-status";
import { minorUnitsProblem } from "./minor-units";
import { InvoiceSide } from "../billing/invoice-side";
import { compareOldestFirst, type OpenInvoice } from "./open-invoice";
import { instructionProblems, type AllocationInstruction } from "./payment-instructions";

/** RECEIVED from the partner pays its receivable invoices; MADE to the partner pays its payable invoices. */
export type PaymentDirection = "RECEIVED" | "MADE";

export const SIDE_PAID: Record<PaymentDirection, InvoiceSide> = { RECEIVED: InvoiceSide.RECEIVABLE, MADE: InvoiceSide.PAYABLE };

export interface PaymentToAllocate {
  paymentId: string;
  direction: PaymentDirection;
  currency: string;
  /** What is left to apply: the whole amount of a new payment, or the credit an earlier allocation left over. */
  unapplied: Decimal;
}

/** One allocation to record: this much of the payment settles this invoice. */
export interface PaymentAllocation {
  paymentId: string;
  invoiceId: string;
  amount: Decimal;
  currency: string;
}

/** An invoice the allocation touched, as it stands afterwards. */
export interface InvoiceSettlement {
  invoiceId: string;
  openAmount: Decimal;
  status: PaymentStatus;
}

export interface AllocationTerms {
  /** When the payment is applied; with the partner's timezone it decides whether an invoice left open is OVERDUE. */
  asOf: Date;
  timezone: string;
  /** Apply exactly these; absent, the payment goes to the oldest open invoices first. */
  instructions?: AllocationInstruction[];
}

export type AllocationOutcome =
  | { ok: true; allocations: PaymentAllocation[]; invoices: InvoiceSettlement[]; unapplied: Decimal; currency: string }
  | { ok: false; problems: FieldProblem[] };

/**
 * Applies what is left of a payment to the partner's `invoices` (its issued invoices; others' must not be passed).
 * Without instructions it pays the open invoices of the payment's side and currency oldest first, each in full
 * before the next, and the last one partly; with instructions it applies exactly those. Whatever is not applied is
 * returned as the unapplied credit on the partner's account, so allocated + unapplied is always the payment, and
 * allocating that credit again later (when a new invoice is issued) is the same call with the credit as `unapplied`.
 * Invalid input comes back as problems, nothing is thrown. No amount is produced by division, so every amount keeps
 * the currency's minor units that the payment and the invoices have.
 */
export function allocatePayment(payment: PaymentToAllocate, invoices: OpenInvoice[], terms: AllocationTerms): AllocationOutcome {
  const problems = paymentProblems(payment);
  if (problems.length) return { ok: false, problems };
  const side = SIDE_PAID[payment.direction];
  let plan: Array<{ invoice: OpenInvoice; amount: Decimal }>;
  if (terms.instructions) {
    const instructed = instructionProblems(terms.instructions, { currency: payment.currency, side, unapplied: payment.unapplied }, invoices);
    if (instructed.length) return { ok: false, problems: instructed };
    const byId = new Map(invoices.map((invoice) => [invoice.id, invoice]));
    plan = terms.instructions.map((instruction) => ({ invoice: byId.get(instruction.invoiceId)!, amount: instruction.amount }));
  } else {
    plan = oldestFirst(payment, side, invoices);
  }

  const allocations: PaymentAllocation[] = [];
  const settled: InvoiceSettlement[] = [];
  let unapplied = payment.unapplied;
  for (const { invoice, amount } of plan) {
    const openAmount = invoice.openAmount.minus(amount);
    allocations.push({ paymentId: payment.paymentId, invoiceId: invoice.id, amount, currency: payment.currency });
    settled.push({ invoiceId: invoice.id, openAmount, status: invoiceStatus({ total: invoice.total, openAmount, dueDate: invoice.dueDate }, terms.asOf, terms.timezone) });
    unapplied = unapplied.minus(amount);
  }
  return { ok: true, allocations, invoices: settled, unapplied, currency: payment.currency };
}

function oldestFirst(payment: PaymentToAllocate, side: InvoiceSide, invoices: OpenInvoice[]): Array<{ invoice: OpenInvoice; amount: Decimal }> {
  const open = invoices.filter((i) => i.side === side && i.currency === payment.currency && i.openAmount.gt(0)).sort(compareOldestFirst);
  const plan: Array<{ invoice: OpenInvoice; amount: Decimal }> = [];
  let left = payment.unapplied;
  for (const invoice of open) {
    if (left.lte(0)) break;
    const amount = Decimal.min(left, invoice.openAmount);
    plan.push({ invoice, amount });
    left = left.minus(amount);
  }
  return plan;
}

function paymentProblems(payment: PaymentToAllocate): FieldProblem[] {
  const currency = currencyProblem(payment.currency);
  if (currency) return [{ field: "currency", message: currency }];
  if (!payment.unapplied.isFinite() || payment.unapplied.isNegative()) return [{ field: "amount", message: "must not be negative" }];
  const decimals = minorUnitsProblem(payment.unapplied, payment.currency);
  return decimals ? [{ field: "amount", message: decimals }] : [];
}
