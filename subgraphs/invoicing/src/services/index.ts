import type { DataSource } from "typeorm";
import { SubgraphClient, type EventWakeups, type Logger } from "@intersettle/shared";
import { BillingAccounts } from "./accounts/billing-accounts";
import { RatedUsage, type UsageSource } from "./billing/rated-usage";
import { ExchangeRates } from "./billing/exchange-rates";
import { BillingRunService } from "./billing/billing-run.service";
import { BillingScheduler } from "./billing/billing-scheduler";
import { InvoiceLifecycleService } from "./billing/invoice-lifecycle.service";
import { InvoiceQueryService } from "./billing/invoice-query.service";
import { PaymentService } from "./payments/payment.service";
import { AccountQueryService } from "./payments/account-query.service";
import { InvoiceDocuments } from "./documents/invoice-documents.service";
import { readIssuerSettings } from "./documents/issuer-settings";
import { InvoiceDeliveryService } from "./delivery/invoice-delivery.service";
import { InvoiceMailer, readMailSettings } from "./delivery/invoice-mailer";
import { AccountingExports, readLedgerCodes } from "./exports/accounting-exports";
import { StatementPayables } from "./payables/statement-payables";
import { createClaimServices, type ClaimServices, type ClaimSettings } from "./claims";
import { DisputeService } from "./disputes/dispute.service";
import { DisputeQueryService } from "./disputes/dispute-query.service";
import { DisputeReminders } from "./disputes/dispute-reminders";
import { readDisputeSettings } from "./disputes/dispute-settings";
import { ReconciliationRunner } from "./reconciliation/reconciliation-runner";
import { SettlementAgreements } from "./reconciliation/settlement-agreements";
import { ReconciliationQueryService } from "./reconciliation/reconciliation-query.service";
import { RatingRatedCalls } from "./reconciliation/rated-calls";

export interface InvoicingSettings {
  /** The rating subgraph's GraphQL URL (usage and exchange rates are read through its API). */
  ratingUrl: () => string;
  internalSecret: string;
  /** How often the billing scheduler looks for closed periods (INTERSETTLE_BILLING_TICK_MS, default 60 s). */
  tickMs: number;
  lateUsagePeriods: number;
  /** Partners' claims: drop root, CDR value limits, and the reconciler a RECEIVED claim goes to. */
  claims: Omit<ClaimSettings, "logger">;
  logger?: Logger;
}

export interface InvoicingServices {
  dataSource: DataSource;
  /** Wakes subscriptions (invoiceEvents) when the log grows. */
  wakeups: EventWakeups;
  accounts: BillingAccounts;
  usage: UsageSource;
  runs: BillingRunService;
  scheduler: BillingScheduler;
  lifecycle: InvoiceLifecycleService;
  invoices: InvoiceQueryService;
  payments: PaymentService;
  account: AccountQueryService;
  documents: InvoiceDocuments;
  deliveries: InvoiceDeliveryService;
  exports: AccountingExports;
  /** Records published revenue-share statements as payables. */
  statementPayables: StatementPayables;
  /** Partners' claims: layouts, ingestion, queries, drop folders. */
  claims: ClaimServices;
  /** Raises and moves disputes; the VarianceDisputes reconciliation calls. */
  disputes: DisputeService;
  disputeQueries: DisputeQueryService;
  disputeReminders: DisputeReminders;
  /** Compares partners' claims with our rated calls (the ClaimReconciler claim ingestion calls). */
  reconciliation: ReconciliationRunner;
  /** Agreements' tolerances, kept from the partners topic for reconciliation. */
  agreements: SettlementAgreements;
  reconciliations: ReconciliationQueryService;
}

export function createInvoicingServices(dataSource: DataSource, wakeups: EventWakeups, settings: InvoicingSettings): InvoicingServices {
  const rating = new SubgraphClient("rating", settings.ratingUrl, settings.internalSecret, { kind: "service", service: "invoicing" });
  const accounts = new BillingAccounts(dataSource, wakeups, settings.logger);
  const usage = new RatedUsage(rating);
  const runs = new BillingRunService(dataSource, accounts, usage, new ExchangeRates(rating), { lateUsagePeriods: settings.lateUsagePeriods });
  const lifecycle = new InvoiceLifecycleService(dataSource, accounts);
  const documents = new InvoiceDocuments(dataSource, accounts, readIssuerSettings());
  const mail = readMailSettings();
  const deliveries = new InvoiceDeliveryService(dataSource, accounts, documents, mail && new InvoiceMailer(mail), settings.logger);
  lifecycle.onIssued((invoice, manager) => deliveries.queue(invoice, manager), () => deliveries.kick());
  const disputeSettings = readDisputeSettings();
  const disputes = new DisputeService(dataSource, accounts, lifecycle, disputeSettings);
  // A RECEIVED claim is reconciled at once; a variance beyond tolerance opens its dispute in the same transaction.
  const agreements = new SettlementAgreements(dataSource, wakeups, settings.logger);
  const reconciliation = new ReconciliationRunner(dataSource, accounts, agreements, new RatingRatedCalls(settings.ratingUrl, settings.internalSecret), disputes, settings.logger);
  const disputeReminders = new DisputeReminders(dataSource, accounts, mail && new InvoiceMailer(mail), disputeSettings, settings.logger);
  return {
    dataSource,
    wakeups,
    accounts,
    usage,
    runs,
    scheduler: new BillingScheduler(dataSource, accounts, runs, [async (now) => void (await deliveries.deliverDue(now)), async (now) => void (await disputeReminders.remindDue(now))], settings.tickMs, settings.logger),
    lifecycle,
    invoices: new InvoiceQueryService(dataSource),
    payments: new PaymentService(dataSource, accounts),
    account: new AccountQueryService(dataSource, accounts),
    documents,
    deliveries,
    exports: new AccountingExports(dataSource, readLedgerCodes()),
    statementPayables: new StatementPayables(dataSource, wakeups, accounts, lifecycle, settings.logger),
    claims: createClaimServices(dataSource, accounts, { ...settings.claims, reconciler: settings.claims.reconciler ?? reconciliation, logger: settings.logger }),
    disputes,
    disputeQueries: new DisputeQueryService(dataSource),
    disputeReminders,
    reconciliation,
    agreements,
    reconciliations: new ReconciliationQueryService(dataSource),
  };
}
