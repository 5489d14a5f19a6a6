import { Decimal, SubgraphClient } from "@intersettle/shared";
import { UsageUnit, usageDirectionOf, type InvoiceSide, type UsageLine } from "../../domain";
import type { Period } from "@intersettle/shared";

const USAGE = `query InvoicingUsage($partnerId: ID!, $direction: RateDirection!, $from: DateTimeISO!, $to: DateTimeISO!) {
  usageSummary(partnerId: $partnerId, direction: $direction, from: $from, to: $to) {
    service destination prefix rate rateVersion currency calls seconds units amount exactAmount
  }
}`;

interface UsageRow {
  service: string;
  destination: string;
  prefix: string;
  rate: string;
  rateVersion: number;
  currency: string;
  calls: number;
  seconds: number;
  units: number;
  amount: string;
  exactAmount: string;
}

/** Where billing runs read a partner's rated usage: the rating subgraph's API. */
export interface UsageSource {
  usage(partnerId: string, side: InvoiceSide, period: Pick<Period, "start" | "end">): Promise<UsageLine[]>;
}

/** The rating subgraph's `usageSummary`, asked as the invoicing service (never rating's tables). */
export class RatedUsage implements UsageSource {
  constructor(private readonly rating: SubgraphClient) {}

  async usage(partnerId: string, side: InvoiceSide, period: Pick<Period, "start" | "end">): Promise<UsageLine[]> {
    const { usageSummary } = await this.rating.query<{ usageSummary: UsageRow[] }>(USAGE, {
      partnerId,
      direction: usageDirectionOf(side),
      from: period.start.toISOString(),
      to: period.end.toISOString(),
    });
    return usageSummary.map(toUsageLine);
  }
}

/** Voice is billed by the second; messages and data by the units rating priced. */
export function toUsageLine(row: UsageRow): UsageLine {
  const unit = row.service === "VOICE" ? UsageUnit.SECOND : UsageUnit.UNIT;
  return {
    service: row.service,
    destination: row.destination,
    prefix: row.prefix,
    rate: new Decimal(row.rate),
    rateVersion: row.rateVersion,
    currency: row.currency,
    calls: row.calls,
    unit,
    quantity: unit === UsageUnit.SECOND ? row.seconds : row.units,
    amount: new Decimal(row.amount),
    exactAmount: new Decimal(row.exactAmount),
  };
}
