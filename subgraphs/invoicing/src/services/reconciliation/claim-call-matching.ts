import type { EntityManager } from "typeorm";
import { ConflictError, copyFields, copyOutLines, openTextCopy, RATED_CALLS_COLUMNS } from "@intersettle/shared";
import { comparePair, numbersKey, pairByStart, type CallMatch, type MatchTolerances, type OurCall, type TheirCall } from "../../domain";
import { DecimalCache } from "./decimal-cache";
import type { RatedCallText } from "./rated-calls";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OURS = "reconciliation_our_call";
const PAIRS = "reconciliation_pair";

/**
 * matchCalls over PostgreSQL instead of memory, so a claim of tens of millions of calls runs in the memory of one A and
 * B number's calls. Our calls (rating's export, as it streams) are copied into a temporary table of the run's
 * transaction, refused when one is in another currency than the claim's; the pairs by call id are found there; then
 * the pairs stream out and are compared as they come, and after them everything left, sorted by A number, B number
 * and start, each number's calls paired by start when the next number begins. Yields results in batches (an async
 * step per call would cost more than the call).
 */
export async function* matchClaimCalls(manager: EntityManager, claimId: string, ours: AsyncIterable<RatedCallText>, currency: string, tolerances: MatchTolerances): AsyncGenerator<CallMatch[]> {
  // COPY takes no parameters: only a checked id goes into the queries.
  if (!UUID.test(claimId)) throw new Error(`not a claim id: ${claimId}`);
  await loadOurCalls(manager, ours, currency);
  // Sorts and hashes spill to disk past this; more of it in memory is faster, and it is this transaction's alone.
  await manager.query(`SET LOCAL work_mem = '64MB'`);
  await manager.query(
    `CREATE TEMP TABLE ${PAIRS} ON COMMIT DROP AS
       SELECT min(o.seq) AS seq, t.line FROM ${OURS} o JOIN invoicing.claim_call t ON t.claim_id = '${claimId}' AND t.call_id = o.call_id GROUP BY t.line`,
  );
  await manager.query(`ANALYZE ${PAIRS}`);
  const results = new ResultReader(tolerances);
  for (const query of [pairsQuery(claimId), leftoversQuery(claimId)]) {
    for await (const text of copyOutLines(manager.queryRunner!, query)) {
      const batch = results.read(text);
      if (batch.length > 0) yield batch;
    }
  }
  yield results.end();
}

/** The export's lines as they are (its columns are the table's, in its order): our calls are not parsed here. */
async function loadOurCalls(manager: EntityManager, ours: AsyncIterable<RatedCallText>, currency: string): Promise<void> {
  await manager.query(
    `CREATE TEMP TABLE ${OURS} (seq bigint GENERATED ALWAYS AS IDENTITY, call_id text, start_ms bigint, a_number text, b_number text, duration integer, destination text, amount numeric, currency text) ON COMMIT DROP`,
  );
  const copy = await openTextCopy(manager, OURS, RATED_CALLS_COLUMNS);
  try {
    for await (const { text } of ours) await copy.batcher.add(text);
  } catch (err) {
    await copy.abort(err);
    throw err;
  }
  await copy.finish();
  await manager.query(`ANALYZE ${OURS}`);
  const [other] = (await manager.query(`SELECT call_id AS "callId", currency FROM ${OURS} WHERE currency <> $1 ORDER BY seq LIMIT 1`, [currency])) as Array<{ callId: string; currency: string }>;
  if (other) throw new ConflictError(`Our call ${other.callId} is rated in ${other.currency}; the claim is in ${currency}`);
}

/** The results of the queries' lines: a pair at once; leftovers held per A and B number until the next begins. */
class ResultReader {
  private readonly amounts = new DecimalCache();
  private group: { key: string; mine: OurCall[]; yours: TheirCall[] } | null = null;

  constructor(private readonly tolerances: MatchTolerances) {}

  read(text: string): CallMatch[] {
    const batch: CallMatch[] = [];
    let at = 0;
    for (let end = text.indexOf("\n"); end !== -1; at = end + 1, end = text.indexOf("\n", at)) {
      const line = text.slice(at, end);
      const f = copyFields(line);
      const mine = f[0] === null ? null : ourCall(f, this.amounts);
      const yours = f[9] === null ? null : theirCall(f, this.amounts);
      if (mine && yours) {
        batch.push(comparePair(mine, yours, this.tolerances));
        continue;
      }
      const key = numbersKey((mine ?? yours)!);
      if (this.group?.key !== key) {
        batch.push(...this.end());
        this.group = { key, mine: [], yours: [] };
      }
      if (mine) this.group!.mine.push(mine);
      else this.group!.yours.push(yours!);
    }
    return batch;
  }

  /** The last number's results. */
  end(): CallMatch[] {
    const results = this.group ? [...pairByStart(this.group.mine, this.group.yours, this.tolerances)] : [];
    this.group = null;
    return results;
  }
}

const OUR_FIELDS = "o.seq, o.call_id, o.start_ms, o.a_number, o.b_number, o.duration, o.destination, o.amount, o.currency";
const THEIR_FIELDS = "t.line, t.call_id, (extract(epoch FROM t.start_time) * 1000)::bigint, t.a_number, t.b_number, t.duration, t.amount";
const NO_OURS = "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL";
const NO_THEIRS = "NULL, NULL, NULL, NULL, NULL, NULL, NULL";

/** The pairs by call id: the first of ours with an id and their call of that id (the claim holds each id once). */
function pairsQuery(claimId: string): string {
  return `SELECT ${OUR_FIELDS}, ${THEIR_FIELDS} FROM ${PAIRS} p JOIN ${OURS} o ON o.seq = p.seq JOIN invoicing.claim_call t ON t.claim_id = '${claimId}' AND t.line = p.line`;
}

/** Every call not paired by id, of both sides, by A number, B number and start, each side in its own order. */
function leftoversQuery(claimId: string): string {
  return `
    SELECT * FROM (
      SELECT ${OUR_FIELDS}, ${NO_THEIRS} FROM ${OURS} o WHERE NOT EXISTS (SELECT 1 FROM ${PAIRS} p WHERE p.seq = o.seq)
      UNION ALL
      SELECT ${NO_OURS}, ${THEIR_FIELDS} FROM invoicing.claim_call t WHERE t.claim_id = '${claimId}' AND NOT EXISTS (SELECT 1 FROM ${PAIRS} p WHERE p.line = t.line)
    ) c (seq, call_id, start_ms, a_number, b_number, duration, destination, amount, currency, line, their_call_id, their_start_ms, their_a_number, their_b_number)
    ORDER BY COALESCE(a_number, their_a_number) COLLATE "C", COALESCE(b_number, their_b_number) COLLATE "C", COALESCE(start_ms, their_start_ms), seq IS NULL, COALESCE(seq, line)`;
}

function ourCall(f: Array<string | null>, amounts: DecimalCache): OurCall {
  return { callId: f[1]!, start: new Date(Number(f[2])), aNumber: f[3]!, bNumber: f[4]!, duration: Number(f[5]), destination: f[6], amount: amounts.of(f[7]!), currency: f[8]! };
}

function theirCall(f: Array<string | null>, amounts: DecimalCache): TheirCall {
  return { line: Number(f[9]), callId: f[10], start: new Date(Number(f[11])), aNumber: f[12]!, bNumber: f[13]!, duration: Number(f[14]), amount: f[15] === null ? null : amounts.of(f[15]) };
}
