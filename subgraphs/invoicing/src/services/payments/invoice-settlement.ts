import type { EntityManager } from "typeorm";
import { appendEvent, Decimal, newId } from "@intersettle/shared";
import { DocumentKind, Invoice, InvoiceStatus, PAYABLE_STATUSES, Payment, PaymentAllocationEntity } from "../../entities";
import { allocatePayment, type AllocationInstruction, type AllocationOutcome, type OpenInvoice, type PaymentToAllocate } from "../../domain";
import { invoiceEvent } from "../billing/invoice-events";

/** A partner's issued invoices and debit notes that payments can settle, as the domain allocates over them. */
export async function openInvoicesOf(manager: EntityManager, partnerId: string): Promise<OpenInvoice[]> {
  const rows = await manager
    .getRepository(Invoice)
    .createQueryBuilder("i")
    .where("i.partner_id = :partnerId AND i.status IN (:...statuses) AND i.kind <> :credit", { partnerId, statuses: PAYABLE_STATUSES, credit: DocumentKind.CREDIT_NOTE })
    .getMany();
  return rows.map(openInvoice);
}

export function openInvoice(i: Invoice): OpenInvoice {
  return { id: i.id, number: i.number!, side: i.side, currency: i.currency, issueDate: i.issueDate!, dueDate: i.dueDate!, total: i.gross, openAmount: i.gross.minus(i.settledAmount) };
}

/** The source of the money being applied: a payment, or a credit note settling the invoice it corrects. */
export type SettlementSource = { paymentId: string } | { creditNoteId: string };

/**
 * Applies money to a partner's open invoices through the domain's allocation and stores the result: allocations,
 * each touched invoice's settled amount and status, and an `invoice.paid` event for each one now paid.
 */
export async function settleInvoices(
  manager: EntityManager,
  partnerId: string,
  money: PaymentToAllocate,
  source: SettlementSource,
  terms: { asOf: Date; timezone: string; instructions?: AllocationInstruction[] },
): Promise<Extract<AllocationOutcome, { ok: true }> | Extract<AllocationOutcome, { ok: false }>> {
  const invoices = await openInvoicesOf(manager, partnerId);
  const outcome = allocatePayment(money, invoices, terms);
  if (!outcome.ok) return outcome;
  for (const allocation of outcome.allocations) {
    if (allocation.amount.isZero()) continue;
    await manager.insert(PaymentAllocationEntity, {
      id: newId(),
      partnerId,
      paymentId: "paymentId" in source ? source.paymentId : null,
      creditNoteId: "creditNoteId" in source ? source.creditNoteId : null,
      invoiceId: allocation.invoiceId,
      amount: allocation.amount,
      currency: allocation.currency,
      allocatedAt: terms.asOf,
    });
  }
  for (const settled of outcome.invoices) {
    const invoice = await manager.findOneByOrFail(Invoice, { id: settled.invoiceId });
    invoice.settledAmount = invoice.gross.minus(settled.openAmount);
    invoice.status = settled.status as InvoiceStatus;
    await manager.save(invoice);
    if (invoice.status === InvoiceStatus.PAID) await appendEvent(manager, invoiceEvent("invoice.paid", invoice));
  }
  return outcome;
}

/** Credit left on a partner's payments of one direction and currency, oldest first: applied when a new invoice is issued. */
export function paymentsWithCredit(manager: EntityManager, partnerId: string, direction: string, currency: string): Promise<Payment[]> {
  return manager
    .getRepository(Payment)
    .createQueryBuilder("p")
    .where("p.partner_id = :partnerId AND p.direction = :direction AND p.currency = :currency AND p.unapplied > 0", { partnerId, direction, currency })
    .orderBy("p.paid_at", "ASC")
    .addOrderBy("p.id", "ASC")
    .setLock("pessimistic_write")
    .getMany();
}

export const ZERO = new Decimal(0);
