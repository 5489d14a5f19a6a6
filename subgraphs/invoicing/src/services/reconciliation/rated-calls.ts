import { copyField, downloadAudience, PRINCIPAL_HEADER, RATED_CALLS_COLUMNS, RATED_CALLS_END, signPrincipal, SubgraphCallError, type Principal } from "@intersettle/shared";
import type { OurCall } from "../../domain";
import { DecimalCache } from "./decimal-cache";

const INVOICING: Principal = { kind: "service", service: "invoicing" };

/** The export was cut short or is not what the contract says: nothing of it may be compared. */
export class RatedCallsExportError extends Error {}

export interface OurCallsQuery {
  partnerId: string;
  direction: "SELL" | "BUY";
  from: Date;
  to: Date;
}

/** Where reconciliation gets our calls (rating's export in the hub), in batches as they arrive. */
export interface OurCallsSource {
  calls(query: OurCallsQuery): AsyncIterable<OurCall[]>;
}

/** Our rated calls of one partner's leg, streamed from rating's rated-calls export (never its tables). */
export class RatingRatedCalls implements OurCallsSource {
  constructor(private readonly ratingUrl: () => string, private readonly secret: string) {}

  async *calls({ partnerId, direction, from, to }: OurCallsQuery): AsyncGenerator<OurCall[]> {
    const base = this.ratingUrl().replace(/\/graphql$/, "");
    const params = new URLSearchParams({ partnerId, direction, from: from.toISOString(), to: to.toISOString() });
    const response = await fetch(`${base}/files/rated-calls?${params}`, {
      headers: { [PRINCIPAL_HEADER]: signPrincipal(INVOICING, this.secret, { audience: downloadAudience("rating", "rated-calls"), ttlSeconds: 60 }) },
    });
    if (!response.ok || !response.body) throw new SubgraphCallError("rating", `rated-calls export answered HTTP ${response.status}: ${await response.text().catch(() => "")}`);
    yield* readRatedCalls(response.body.pipeThrough(new TextDecoderStream()));
  }
}

/**
 * Reads the export as it streams, a batch of calls per chunk of text (an async step per call would cost more than
 * the call). Without the header, without the closing end line, or with another count, the export failed.
 */
export async function* readRatedCalls(chunks: AsyncIterable<string>): AsyncGenerator<OurCall[]> {
  const header = RATED_CALLS_COLUMNS.join("\t");
  const amounts = new DecimalCache();
  let n = 0;
  let calls = 0;
  let rest = "";
  let ended = false;
  for await (const chunk of chunks) {
    const text = rest + chunk;
    const batch: OurCall[] = [];
    let at = 0;
    for (let end = text.indexOf("\n"); end !== -1; at = end + 1, end = text.indexOf("\n", at)) {
      const line = text.slice(at, end);
      if (++n === 1) {
        if (line !== header) throw new RatedCallsExportError(`rated-calls export line 1: expected the header ${JSON.stringify(header)}`);
        continue;
      }
      if (ended) throw new RatedCallsExportError(`rated-calls export line ${n}: text after the end line`);
      if (line.startsWith(`${RATED_CALLS_END}\t`)) {
        const f = line.split("\t");
        if (Number(f[1]) !== calls + batch.length) throw new RatedCallsExportError(`rated-calls export line ${n}: the end line counts ${f[1]} calls, ${calls + batch.length} came`);
        ended = true;
        continue;
      }
      const f = line.includes("\\") ? line.split("\t").map(copyField) : line.split("\t");
      batch.push(ourCall(f, n, amounts));
    }
    rest = text.slice(at);
    calls += batch.length;
    if (batch.length > 0) yield batch;
  }
  if (rest !== "") throw new RatedCallsExportError(`rated-calls export line ${n + 1}: cut off`);
  if (!ended) throw new RatedCallsExportError(`rated-calls export ended after ${calls} calls without its end line`);
}

function ourCall(f: Array<string | null>, n: number, amounts: DecimalCache): OurCall {
  const [callId, startMs, aNumber, bNumber, duration, destination, amount, currency] = f;
  const start = Number(startMs);
  if (f.length !== RATED_CALLS_COLUMNS.length || !callId || !Number.isSafeInteger(start) || !/^\d+$/.test(duration ?? "") || amount === null || !currency) {
    throw new RatedCallsExportError(`rated-calls export line ${n}: ${f.length} fields, or call_id, start_ms, duration, amount or currency is not what the contract says`);
  }
  return { callId, start: new Date(start), aNumber: aNumber ?? "", bNumber: bNumber ?? "", duration: Number(duration), destination, amount: amounts.of(amount), currency };
}
