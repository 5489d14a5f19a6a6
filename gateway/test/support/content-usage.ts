import { Decimal } from "@intersettle/shared";
import type { RevenueShareServices, PeriodUsage } from "@intersettle/revenue-share";
import type { TestHub } from "./test-hub";

/** A month of one service's usage, amounts as text; absent fields are 0. */
export interface MonthUsage {
  transactions?: number;
  gross?: string;
  tax?: string;
  refunds?: string;
  chargebacks?: string;
  badDebt?: string;
}

/**
 * Usage of content services by month for tests. PROVISIONAL: until the transactions services land, the statement runs
 * read it from here; then `record` ingests transactions that add up to it instead.
 */
export function contentUsage(_hub: TestHub, revshare: RevenueShareServices) {
  const months = new Map<string, PeriodUsage>();
  const monthOf = (start: Date) => new Date(start.getTime() + 43_200_000).toISOString().slice(0, 7);
  const source = {
    async usage(serviceIds: string[], period: { start: Date }) {
      const found = new Map<string, PeriodUsage>();
      for (const id of serviceIds) {
        const u = months.get(`${id}|${monthOf(period.start)}`);
        if (u) found.set(id, u);
      }
      return found;
    },
  };
  const install = (services: RevenueShareServices) => {
    Object.assign(services.runs, { usage: source });
    Object.assign(services.scheduler, { usage: source });
  };
  install(revshare);
  return {
    /** Points a restarted subgraph's services at this usage. */
    install,
    async record(serviceId: string, month: string, add: MonthUsage): Promise<void> {
      const key = `${serviceId}|${month}`;
      const d = (v?: string) => new Decimal(v ?? 0);
      const was = months.get(key) ?? { currency: "USD", transactions: 0, gross: d(), tax: d(), refunds: d(), chargebacks: d(), badDebt: d() };
      months.set(key, {
        currency: was.currency,
        transactions: was.transactions + (add.transactions ?? 0),
        gross: was.gross.plus(d(add.gross)),
        tax: was.tax.plus(d(add.tax)),
        refunds: was.refunds.plus(d(add.refunds)),
        chargebacks: was.chargebacks.plus(d(add.chargebacks)),
        badDebt: was.badDebt.plus(d(add.badDebt)),
      });
    },
  };
}
