import { BillingRunResolver } from "./billing/billing-run.resolver";
import { InvoiceLineResolver, InvoiceResolver, PartnerInvoicesResolver } from "./billing/invoice.resolver";
import { InvoiceEventResolver } from "./billing/invoice-events.resolver";
import { AccountResolver } from "./payments/account.resolver";
import { PaymentResolver } from "./payments/payment.resolver";

export const invoicingResolvers = [InvoiceResolver, InvoiceLineResolver, PartnerInvoicesResolver, BillingRunResolver, PaymentResolver, AccountResolver, InvoiceEventResolver] as const;
export * from "./context";
