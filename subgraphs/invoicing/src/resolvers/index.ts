import { BillingRunResolver } from "./billing/billing-run.resolver";
import { InvoiceLineResolver, InvoiceResolver, PartnerInvoicesResolver } from "./billing/invoice.resolver";
import { InvoiceEventResolver } from "./billing/invoice-events.resolver";
import { AccountResolver } from "./payments/account.resolver";
import { PaymentResolver } from "./payments/payment.resolver";
import { ClaimLayoutResolver } from "./claims/claim-layout.resolver";
import { ClaimResolver } from "./claims/claim.resolver";
import { DisputeAttachmentResolver, DisputeResolver, PartnerDisputesResolver } from "./disputes/dispute.resolver";
import { DisputeEventResolver } from "./disputes/dispute-events.resolver";
import { DisputeReportsResolver } from "./disputes/dispute-reports.resolver";
import { ReconciliationResolver } from "./reconciliation/reconciliation.resolver";

export const invoicingResolvers = [InvoiceResolver, InvoiceLineResolver, PartnerInvoicesResolver, BillingRunResolver, PaymentResolver, AccountResolver, InvoiceEventResolver, ClaimLayoutResolver, ClaimResolver, ReconciliationResolver, DisputeResolver, DisputeAttachmentResolver, PartnerDisputesResolver, DisputeEventResolver, DisputeReportsResolver] as const;

export * from "./context";
