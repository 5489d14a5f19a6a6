import type { EntityManager } from "typeorm";
import { Decimal } from "@intersettle/shared";
import type { ClaimedLine, TheirCall } from "../../domain";

/** Rows per cursor fetch: a million claimed calls come in as compact records, never as one result set. */
const BATCH_ROWS = 20_000;

let cursors = 0;

/** A CDR claim's calls, in file order (the manager is inside a transaction, which the cursor needs). */
export async function readTheirCalls(manager: EntityManager, claimId: string): Promise<TheirCall[]> {
  const cursor = `claim_calls_${++cursors}`;
  await manager.query(
    `DECLARE ${cursor} NO SCROLL CURSOR FOR
     SELECT line, call_id, (extract(epoch FROM start_time) * 1000)::bigint::text AS ms, a_number, b_number, duration, amount::text AS amount
       FROM invoicing.claim_call WHERE claim_id = $1 ORDER BY line`,
    [claimId],
  );
  const calls: TheirCall[] = [];
  for (;;) {
    const batch = (await manager.query(`FETCH FORWARD ${BATCH_ROWS} FROM ${cursor}`)) as Array<{ line: number; call_id: string | null; ms: string; a_number: string; b_number: string; duration: number; amount: string | null }>;
    for (const r of batch) {
      calls.push({ line: r.line, callId: r.call_id, start: new Date(Number(r.ms)), aNumber: r.a_number, bNumber: r.b_number, duration: r.duration, amount: r.amount === null ? null : new Decimal(r.amount) });
    }
    if (batch.length < BATCH_ROWS) break;
  }
  await manager.query(`CLOSE ${cursor}`);
  return calls;
}

/** An invoice claim's summary lines, in file order. */
export async function readClaimedLines(manager: EntityManager, claimId: string): Promise<ClaimedLine[]> {
  const rows = (await manager.query(
    `SELECT line, destination, calls::int AS calls, minutes::text AS minutes, rate::text AS rate, amount::text AS amount, currency
       FROM invoicing.claim_line WHERE claim_id = $1 ORDER BY line`,
    [claimId],
  )) as Array<{ line: number; destination: string; calls: number; minutes: string; rate: string | null; amount: string; currency: string }>;
  return rows.map((r) => ({ line: r.line, destination: r.destination, calls: r.calls, minutes: new Decimal(r.minutes), rate: r.rate === null ? null : new Decimal(r.rate), amount: new Decimal(r.amount), currency: r.currency }));
}
