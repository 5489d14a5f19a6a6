import type { DataSource } from "typeorm";
import type { UsageSource } from "./usage-source";

/** Usage read from the content transactions (provisional until the transactions services land). */
export function transactionUsage(_dataSource: DataSource): UsageSource {
  return { usage: async () => new Map() };
}
