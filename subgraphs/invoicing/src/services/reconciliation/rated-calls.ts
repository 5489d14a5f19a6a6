import readline from "node:readline";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { Decimal, downloadAudience, PRINCIPAL_HEADER, signPrincipal, SubgraphCallError, type Principal, type RatedCallsExportLine } from "@intersettle/shared";
import type { OurCall } from "../../domain";

const INVOICING: Principal = { kind: "service", service: "invoicing" };

/** The export was cut short or is not what the contract says: nothing of it may be compared. */
export class RatedCallsExportError extends Error {}

export interface OurCallsQuery {
  partnerId: string;
  direction: "SELL" | "BUY";
  from: Date;
  to: Date;
}

/** Where reconciliation gets our calls (rating's export in the hub; a test or bench may hand others). */
export interface OurCallsSource {
  calls(query: OurCallsQuery): AsyncIterable<OurCall>;
}

/** Our rated calls of one partner's leg, streamed from rating's rated-calls export (never its tables). */
export class RatingRatedCalls implements OurCallsSource {
  constructor(private readonly ratingUrl: () => string, private readonly secret: string) {}

  async *calls({ partnerId, direction, from, to }: OurCallsQuery): AsyncGenerator<OurCall> {
    const base = this.ratingUrl().replace(/\/graphql$/, "");
    const params = new URLSearchParams({ partnerId, direction, from: from.toISOString(), to: to.toISOString() });
    const response = await fetch(`${base}/files/rated-calls?${params}`, {
      headers: { [PRINCIPAL_HEADER]: signPrincipal(INVOICING, this.secret, { audience: downloadAudience("rating", "rated-calls"), ttlSeconds: 60 }) },
    });
    if (!response.ok || !response.body) throw new SubgraphCallError("rating", `rated-calls export answered HTTP ${response.status}: ${await response.text().catch(() => "")}`);
    const lines = readline.createInterface({ input: Readable.fromWeb(response.body as WebReadableStream), crlfDelay: Infinity });
    try {
      yield* readRatedCalls(lines);
    } finally {
      lines.close();
    }
  }
}

/** Reads the export as it streams: one call at a time; without the closing `end` line, or with another count, it failed. */
export async function* readRatedCalls(lines: AsyncIterable<string>): AsyncGenerator<OurCall> {
  let n = 0;
  let calls = 0;
  for await (const text of lines) {
    n++;
    if (text === "") continue;
    let line: RatedCallsExportLine;
    try {
      line = JSON.parse(text) as RatedCallsExportLine;
    } catch {
      throw new RatedCallsExportError(`rated-calls export line ${n}: not JSON`);
    }
    if (line.kind === "end") {
      if (line.calls !== calls) throw new RatedCallsExportError(`rated-calls export line ${n}: the end line counts ${line.calls} calls, ${calls} came`);
      return;
    }
    if (line.kind !== "call") throw new RatedCallsExportError(`rated-calls export line ${n}: unknown kind ${JSON.stringify((line as { kind: unknown }).kind)}`);
    const start = new Date(line.startMs);
    if (typeof line.callId !== "string" || !Number.isSafeInteger(line.startMs) || !Number.isInteger(line.duration) || typeof line.amount !== "string") {
      throw new RatedCallsExportError(`rated-calls export line ${n}: callId, start, duration or amount is not what the contract says`);
    }
    calls++;
    yield { callId: line.callId, start, aNumber: line.aNumber, bNumber: line.bNumber, duration: line.duration, destination: line.destination, amount: new Decimal(line.amount), currency: line.currency };
  }
  throw new RatedCallsExportError(`rated-calls export ended after ${calls} calls without its end line`);
}
