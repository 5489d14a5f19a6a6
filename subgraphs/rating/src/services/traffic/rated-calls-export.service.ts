import type { DataSource } from "typeorm";
import { copyField, copyOutLines } from "@intersettle/shared";

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
 * One partner's leg of its rated calls for reconciliation (see RatedCallsExportLine). PostgreSQL writes each line's
 * JSON and COPY streams it out in one read-only snapshot: the subgraph passes text on, memory stays flat, and a
 * million calls take seconds, not the minute row-by-row fetching took.
 */
export class RatedCallsExportService {
  constructor(private readonly dataSource: DataSource) {}

  async *ndjson({ partnerId, direction, from, to }: RatedCallsQuery): AsyncGenerator<string> {
    // COPY takes no parameters: only a checked id and instants written by toISOString go into the query.
    if (!UUID.test(partnerId)) throw new Error(`not a partner id: ${partnerId}`);
    const leg = LEG[direction];
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      let calls = 0;
      const lines = copyOutLines(
        runner,
        `SELECT concat('{"kind":"call","callId":', to_json(call_id), ',"startMs":', (extract(epoch FROM start_time) * 1000)::bigint,
                  ',"aNumber":', to_json(a_number), ',"bNumber":', to_json(b_number), ',"duration":', duration, ',"destination":', coalesce(to_json(destination)::text, 'null'),
                  ',"amount":"', trim_scale(${leg.amount}), '","currency":"', ${leg.currency}, '"}')
           FROM rating.rated_cdr
          WHERE ${leg.partner} = '${partnerId}' AND start_time >= '${from.toISOString()}' AND start_time < '${to.toISOString()}'
            AND status = 'RATED' AND billable AND ${leg.amount} IS NOT NULL
          ORDER BY start_time, call_id`,
      );
      for await (const text of lines) {
        for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) calls++;
        // A line of JSON holds no tab or line break, so COPY escaped nothing but its backslashes.
        yield text.includes("\\") ? text.split("\n").map(copyField).join("\n") : text;
      }
      yield JSON.stringify({ kind: "end", calls }) + "\n";
    } finally {
      // Read only: ROLLBACK ends the snapshot, also one stopped half way.
      await runner.query("ROLLBACK").catch(() => undefined);
      await runner.release();
    }
  }
}
