import type { EntityManager } from "typeorm";
import { copyField, copyOutLines, Decimal } from "@intersettle/shared";
import type { ClaimedLine, TheirCall } from "../../domain";
import { DecimalCache } from "./decimal-cache";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A CDR claim's calls (in no particular order) through COPY out: a million rows arrive as text lines split into compact
 * records, several times faster than as result rows (the manager is inside the reconciliation's transaction).
 */
export async function readTheirCalls(manager: EntityManager, claimId: string): Promise<TheirCall[]> {
  // COPY takes no parameters: only a checked id goes into the query.
  if (!UUID.test(claimId)) throw new Error(`not a claim id: ${claimId}`);
  const calls: TheirCall[] = [];
  const amounts = new DecimalCache();
  const lines = copyOutLines(
    manager.queryRunner!,
    `SELECT line, call_id, (extract(epoch FROM start_time) * 1000)::bigint, a_number, b_number, duration, amount
       FROM invoicing.claim_call WHERE claim_id = '${claimId}'`,
  );
  for await (const text of lines) {
    let at = 0;
    for (let end = text.indexOf("\n"); end !== -1; at = end + 1, end = text.indexOf("\n", at)) {
      const line = text.slice(at, end);
      // Only null fields and escaped characters need decoding; most lines have neither.
      const f = line.includes("\\") ? line.split("\t").map(copyField) : line.split("\t");
      const amount = f[6];
      calls.push({ line: Number(f[0]), callId: f[1], start: new Date(Number(f[2])), aNumber: f[3]!, bNumber: f[4]!, duration: Number(f[5]), amount: amount === null ? null : amounts.of(amount) });
    }
  }
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
