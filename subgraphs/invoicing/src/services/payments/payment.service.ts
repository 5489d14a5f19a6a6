import type { DataSource } from "typeorm";
import { appendEvent, AuditedEntity, auditSnapshot, BadUserInputError, ConflictError, Decimal, isUniqueViolation, newId, type Principal } from "@intersettle/shared";
import { BillingAccount, Payment, PaymentDirection } from "../../entities";
import type { AllocationInstruction } from "../../domain";
import type { BillingAccounts } from "../accounts/billing-accounts";
import { settleInvoices } from "./invoice-settlement";
import { invoicingAudit } from "../audit-trail";

export interface NewPayment {
  partnerId: string;
  direction: PaymentDirection;
  currency: string;
  amount: Decimal;
  paidAt: Date;
  reference: string;
  /** Apply exactly these; absent, the oldest open invoices of the side and currency are paid first. */
  allocations?: AllocationInstruction[];
}

/** Payments received from and made to partners, applied to their invoices; what is left stays as credit on the account. */
export class PaymentService {
  constructor(private readonly dataSource: DataSource, private readonly accounts: BillingAccounts) {}

  async record(principal: Principal, fields: NewPayment): Promise<Payment> {
    const account = await this.accounts.get(fields.partnerId);
    const reference = fields.reference.trim();
    if (!fields.amount.isFinite() || fields.amount.lte(0)) throw new BadUserInputError([{ field: "amount", message: "must be a positive amount" }]);
    if (!reference) throw new BadUserInputError([{ field: "reference", message: "must not be empty" }]);
    try {
      return await this.dataSource.transaction(async (manager) => {
        // Allocations of one partner take turns, so two payments never pay the same open amount.
        await manager.findOne(BillingAccount, { where: { partnerId: fields.partnerId }, lock: { mode: "pessimistic_write" } });
        const payment = await manager.save(Object.assign(new Payment(), { id: newId(), partnerId: fields.partnerId, direction: fields.direction, currency: fields.currency.toUpperCase(), amount: fields.amount, unapplied: fields.amount, paidAt: fields.paidAt, reference, recordedAt: new Date() }));
        const outcome = await settleInvoices(
          manager,
          fields.partnerId,
          { paymentId: payment.id, direction: fields.direction, currency: payment.currency, unapplied: fields.amount },
          { paymentId: payment.id },
          { asOf: new Date(), timezone: account.timezone, instructions: fields.allocations },
        );
        if (!outcome.ok) throw new BadUserInputError(outcome.problems);
        payment.unapplied = outcome.unapplied;
        const saved = await manager.save(payment);
        await invoicingAudit.record(manager, principal, { entityType: AuditedEntity.PAYMENT, entityId: saved.id, partnerId: saved.partnerId, action: "payment.recorded", before: null, after: auditSnapshot(saved) });
        await appendEvent(manager, {
          topic: "invoices",
          type: fields.direction === PaymentDirection.RECEIVED ? "payment.received" : "payment.made",
          key: saved.partnerId,
          producer: "invoicing",
          payload: { paymentId: saved.id, partnerId: saved.partnerId, direction: saved.direction, currency: saved.currency, amount: saved.amount.toFixed(), unapplied: saved.unapplied.toFixed(), allocated: saved.amount.minus(saved.unapplied).toFixed(), reference: saved.reference },
        });
        return saved;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`A ${fields.direction} payment with reference ${reference} is already recorded for this partner`, { field: "reference" });
      throw err;
    }
  }
}
