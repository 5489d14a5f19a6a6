import type { DataSource } from "typeorm";

/** Rows per cursor fetch, and so lines per chunk written: a month of traffic never sits in memory whole. */
const BATCH_ROWS = 5000;

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

let cursors = 0;

/**
 * One partner's leg of its rated calls for reconciliation (see RatedCallsExportLine). PostgreSQL writes each line's
 * JSON, so the subgraph only passes text on; a server-side cursor in one read-only snapshot keeps memory flat.
 */
export class RatedCallsExportService {
  constructor(private readonly dataSource: DataSource) {}

  async *ndjson({ partnerId, direction, from, to }: RatedCallsQuery): AsyncGenerator<string> {
    const leg = LEG[direction];
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const cursor = `rated_calls_${++cursors}`;
    try {
      await runner.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      await runner.query(
        `DECLARE ${cursor} NO SCROLL CURSOR FOR
         SELECT json_build_object('kind', 'call', 'callId', call_id,
                  'start', to_char(start_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                  'aNumber', a_number, 'bNumber', b_number, 'duration', duration, 'destination', destination,
                  'amount', trim_scale(${leg.amount})::text, 'currency', ${leg.currency})::text AS line
           FROM rating.rated_cdr
          WHERE ${leg.partner} = $1 AND start_time >= $2 AND start_time < $3 AND status = 'RATED' AND billable AND ${leg.amount} IS NOT NULL
          ORDER BY start_time, call_id`,
        [partnerId, from, to],
      );
      let calls = 0;
      for (;;) {
        const batch = (await runner.query(`FETCH FORWARD ${BATCH_ROWS} FROM ${cursor}`)) as Array<{ line: string }>;
        if (batch.length > 0) {
          let chunk = "";
          for (const row of batch) chunk += row.line + "\n";
          calls += batch.length;
          yield chunk;
        }
        if (batch.length < BATCH_ROWS) break;
      }
      yield JSON.stringify({ kind: "end", calls }) + "\n";
    } finally {
      // Read only: ROLLBACK ends the snapshot, also one stopped half way.
      await runner.query("ROLLBACK").catch(() => undefined);
      await runner.release();
    }
  }
}
