export * from "./enums";
export * from "./billing/billing-account.entity";
export * from "./billing/billing-run.entity";
export * from "./billing/invoice.entity";
export * from "./billing/invoice-line.entity";
export * from "./billing/invoice-number.entity";
export * from "./payments/payment.entity";
export * from "./delivery/invoice-delivery.entity";
export * from "./claims";
export * from "./disputes/dispute.entity";
export * from "./reconciliation/reconciliation.entity";
import { BillingAccount } from "./billing/billing-account.entity";
import { BillingRun } from "./billing/billing-run.entity";
import { Invoice } from "./billing/invoice.entity";
import { InvoiceLineEntity } from "./billing/invoice-line.entity";
import { InvoiceNumberSeries } from "./billing/invoice-number.entity";
import { Payment, PaymentAllocationEntity } from "./payments/payment.entity";
import { InvoiceDelivery } from "./delivery/invoice-delivery.entity";
import { Claim, ClaimLayoutEntity, ClaimLineEntity, ClaimRejection } from "./claims";
import { Dispute, DisputeAttachment, DisputeComment } from "./disputes/dispute.entity";
import { Reconciliation, ReconciliationCallEntity, ReconciliationDestinationEntity } from "./reconciliation/reconciliation.entity";

export const invoicingEntities = [BillingAccount, BillingRun, Invoice, InvoiceLineEntity, InvoiceNumberSeries, Payment, PaymentAllocationEntity, InvoiceDelivery, ClaimLayoutEntity, Claim, ClaimLineEntity, ClaimRejection, Dispute, DisputeComment, DisputeAttachment, Reconciliation, ReconciliationCallEntity, ReconciliationDestinationEntity];

