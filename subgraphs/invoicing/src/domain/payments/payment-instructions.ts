import { Decimal, type FieldProblem } from "@intersettle/shared";
import { formatAmount, minorUnitsProblem } from "./minor-units";
import type { InvoiceSide } from "../billing/invoice-side";
import type { OpenInvoice } from "./open-invoice";

/** "Apply this much of the payment to this invoice", as the operator or the partner's remittance advice tells. */
export interface AllocationInstruction {
  invoiceId: string;
  amount: Decimal;
}

/** The payment an instruction list is checked against: its currency, the invoices it may pay, what is left of it. */
export interface InstructedPayment {
  currency: string;
  side: InvoiceSide;
  unapplied: Decimal;
}

/**
 * Every problem with explicit instructions, each naming its field (`allocations.2.amount`): an invoice that is not
 * this partner's open invoice of the payment's side and currency, one listed twice, an amount that is not positive,
 * has more decimals than the currency or exceeds the invoice's open amount, and a list adding up to more than the
 * payment has left. An empty list means the instructions can be applied as they stand.
 */
export function instructionProblems(instructions: AllocationInstruction[], payment: InstructedPayment, invoices: OpenInvoice[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const byId = new Map(invoices.map((invoice) => [invoice.id, invoice]));
  const seen = new Set<string>();
  let sum = new Decimal(0);
  instructions.forEach((instruction, i) => {
    const field = `allocations.${i}`;
    const invoice = byId.get(instruction.invoiceId);
    if (!invoice) problems.push({ field: `${field}.invoiceId`, message: `'${instruction.invoiceId}' is not an invoice of this partner` });
    else if (invoice.side !== payment.side) problems.push({ field: `${field}.invoiceId`, message: `invoice ${invoice.number} is ${invoice.side.toLowerCase()}; this payment pays ${payment.side.toLowerCase()} invoices` });
    else if (invoice.currency !== payment.currency) problems.push({ field: `${field}.invoiceId`, message: `invoice ${invoice.number} is in ${invoice.currency}; the payment is in ${payment.currency}` });
    else if (seen.has(invoice.id)) problems.push({ field: `${field}.invoiceId`, message: `invoice ${invoice.number} is listed more than once` });
    else if (invoice.openAmount.lte(0)) problems.push({ field: `${field}.invoiceId`, message: `invoice ${invoice.number} is already paid` });
    if (invoice) seen.add(invoice.id);

    const amount = instruction.amount;
    if (!amount.isFinite() || amount.lte(0)) {
      problems.push({ field: `${field}.amount`, message: "must be a positive amount" });
      return;
    }
    const decimals = minorUnitsProblem(amount, payment.currency);
    if (decimals) problems.push({ field: `${field}.amount`, message: decimals });
    if (invoice && invoice.openAmount.gt(0) && amount.gt(invoice.openAmount)) {
      problems.push({ field: `${field}.amount`, message: `${formatAmount(amount, payment.currency)} is more than the ${formatAmount(invoice.openAmount, invoice.currency)} ${invoice.currency} open on invoice ${invoice.number}` });
    }
    sum = sum.plus(amount);
  });
  if (sum.gt(payment.unapplied)) {
    problems.push({ field: "allocations", message: `add up to ${formatAmount(sum, payment.currency)} ${payment.currency}, more than the ${formatAmount(payment.unapplied, payment.currency)} left of the payment` });
  }
  return problems;
}
