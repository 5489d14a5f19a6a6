import type { DataSource } from "typeorm";
import { copyOutLines, RATED_CALLS_COLUMNS, RATED_CALLS_END } from "@intersettle/shared";

export interface RatedCallsQuery {
  partnerId: string;
  direction: "SELL" | "BUY";
  from: Date;
  to: Date;
}

/** Each leg's columns: the customer's revenue on SELL, the vendor's cost on BUY. */
const LEG = {
  SELL: { partner: "customer_id", amount: "revenue_exact", currency: "revenue_currency" },
  BUY: { partner: "vendor_id", amount: "cost_exact", currency: "cost_currency" },
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * One partner's leg of its rated calls for reconciliation (see RATED_CALLS_COLUMNS): COPY's own text passed on as it
 * comes, in one read-only snapshot, so memory stays flat and a million calls stream in about a second.
 */
export class RatedCallsExportService {
  constructor(private readonly dataSource: DataSource) {}

  async *lines({ partnerId, direction, from, to }: RatedCallsQuery): AsyncGenerator<string> {
    // COPY takes no parameters: only a checked id and instants written by toISOString go into the query.
    if (!UUID.test(partnerId)) throw new Error(`not a partner id: ${partnerId}`);
    const leg = LEG[direction];
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      yield RATED_CALLS_COLUMNS.join("\t") + "\n";
      let calls = 0;
      const lines = copyOutLines(
        runner,
        `SELECT call_id, (extract(epoch FROM start_time) * 1000)::bigint, a_number, b_number, duration, destination, trim_scale(${leg.amount}), ${leg.currency}
           FROM rating.rated_cdr
          WHERE ${leg.partner} = '${partnerId}' AND start_time >= '${from.toISOString()}' AND start_time < '${to.toISOString()}'
            AND status = 'RATED' AND billable AND ${leg.amount} IS NOT NULL`,
      );
      for await (const text of lines) {
        for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) calls++;
        yield text;
      }
      yield `${RATED_CALLS_END}\t${calls}\n`;
    } finally {
      // Read only: ROLLBACK ends the snapshot, also one stopped half way.
      await runner.query("ROLLBACK").catch(() => undefined);
      await runner.release();
    }
  }
}
