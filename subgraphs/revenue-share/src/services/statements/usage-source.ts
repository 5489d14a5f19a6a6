import type { Period } from "@intersettle/shared";
import type { PeriodUsage } from "../../domain";

/**
 * Content usage as statement runs read it: per service and period, charged transactions, gross, tax, refunds,
 * chargebacks and bad debt, with refunds and chargebacks in the period of the transaction they reverse. Answered by
 * the transactions services (see services/transactions/README.md); a service without usage is absent from the map.
 */
export interface UsageSource {
  usage(serviceIds: string[], period: Pick<Period, "start" | "end">): Promise<Map<string, PeriodUsage>>;
}

/**
 * One scheduler tick's memory of usage by service and period: a service's aggregator, provider and platform enabler
 * whose cycles and timezones agree share one reading of it instead of one each.
 */
export class UsageReadings implements UsageSource {
  private readonly readings = new Map<string, Promise<PeriodUsage | undefined>>();

  constructor(private readonly source: UsageSource) {}

  async usage(serviceIds: string[], period: Pick<Period, "start" | "end">): Promise<Map<string, PeriodUsage>> {
    const key = (id: string) => `${id}|${period.start.toISOString()}|${period.end.toISOString()}`;
    const missing = serviceIds.filter((id) => !this.readings.has(key(id)));
    if (missing.length > 0) {
      const read = this.source.usage(missing, period);
      for (const id of missing) this.readings.set(key(id), read.then((m) => m.get(id)));
    }
    const found = new Map<string, PeriodUsage>();
    for (const id of serviceIds) {
      const usage = await this.readings.get(key(id));
      if (usage) found.set(id, usage);
    }
    return found;
  }
}
