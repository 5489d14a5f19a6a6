import type { EntityManager } from "typeorm";
import { Decimal } from "@intersettle/shared";
import type { ClaimedLine } from "../../domain";

/** An invoice claim's summary lines, in file order. */
export async function readClaimedLines(manager: EntityManager, claimId: string): Promise<ClaimedLine[]> {
  const rows = (await manager.query(
    `SELECT line, destination, calls::int AS calls, minutes::text AS minutes, rate::text AS rate, amount::text AS amount, currency
       FROM invoicing.claim_line WHERE claim_id = $1 ORDER BY line`,
    [claimId],
  )) as Array<{ line: number; destination: string; calls: number; minutes: string; rate: string | null; amount: string; currency: string }>;
  return rows.map((r) => ({ line: r.line, destination: r.destination, calls: r.calls, minutes: new Decimal(r.minutes), rate: r.rate === null ? null : new Decimal(r.rate), amount: new Decimal(r.amount), currency: r.currency }));
}
