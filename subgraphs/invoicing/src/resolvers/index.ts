import { BillingRunResolver } from "./billing/billing-run.resolver";
import { InvoiceLineResolver, InvoiceResolver, PartnerInvoicesResolver } from "./billing/invoice.resolver";
import { InvoiceEventResolver } from "./billing/invoice-events.resolver";
import { AccountResolver } from "./payments/account.resolver";
import { PaymentResolver } from "./payments/payment.resolver";
import { ReconciliationResolver } from "./reconciliation/reconciliation.resolver";

export const invoicingResolvers = [InvoiceResolver, InvoiceLineResolver, PartnerInvoicesResolver, BillingRunResolver, PaymentResolver, AccountResolver, InvoiceEventResolver, ReconciliationResolver] as const;
export * from "./context";
