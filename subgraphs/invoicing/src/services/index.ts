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

export interface InvoicingSettings {
  /** The rating subgraph's GraphQL URL (usage and exchange rates are read through its API). */
  ratingUrl: () => string;
  internalSecret: string;
  /** How often the billing scheduler looks for closed periods (INTERSETTLE_BILLING_TICK_MS, default 60 s). */
  tickMs: number;
  lateUsagePeriods: number;
  logger?: Logger;
}

export interface InvoicingServices {
  dataSource: DataSource;
  accounts: BillingAccounts;
  usage: UsageSource;
  runs: BillingRunService;
  scheduler: BillingScheduler;
  lifecycle: InvoiceLifecycleService;
  invoices: InvoiceQueryService;
  payments: PaymentService;
  account: AccountQueryService;
}

export function createInvoicingServices(dataSource: DataSource, wakeups: EventWakeups, settings: InvoicingSettings): InvoicingServices {
  const rating = new SubgraphClient("rating", settings.ratingUrl, settings.internalSecret, { kind: "service", service: "invoicing" });
  const accounts = new BillingAccounts(dataSource, wakeups, settings.logger);
  const usage = new RatedUsage(rating);
  const runs = new BillingRunService(dataSource, accounts, usage, new ExchangeRates(rating), { lateUsagePeriods: settings.lateUsagePeriods });
  const lifecycle = new InvoiceLifecycleService(dataSource, accounts);
  return {
    dataSource,
    accounts,
    usage,
    runs,
    scheduler: new BillingScheduler(dataSource, accounts, runs, [], settings.tickMs, settings.logger),
    lifecycle,
    invoices: new InvoiceQueryService(dataSource),
    payments: new PaymentService(dataSource, accounts),
    account: new AccountQueryService(dataSource, accounts),
  };
}
