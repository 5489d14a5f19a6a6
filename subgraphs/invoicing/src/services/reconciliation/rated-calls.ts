import { copyFields, downloadAudience, PRINCIPAL_HEADER, RATED_CALLS_COLUMNS, RATED_CALLS_END, signPrincipal, SubgraphCallError, type Principal } from "@intersettle/shared";
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

/**
 * Where reconciliation gets our calls (rating's export in the hub): the export's data lines in COPY text, as they
 * arrive, checked for the header, the end line and the count (see readRatedCallText).
 */
export interface OurCallsSource {
  text(query: OurCallsQuery): AsyncIterable<RatedCallText>;
}

/** Whole data lines of the export, and the export line number of the first of them. */
export interface RatedCallText {
  text: string;
  firstLine: number;
}

/** Our rated calls of one partner's leg, streamed from rating's rated-calls export (never its tables). */
export class RatingRatedCalls implements OurCallsSource {
  constructor(private readonly ratingUrl: () => string, private readonly secret: string) {}

  async *text({ partnerId, direction, from, to }: OurCallsQuery): AsyncGenerator<RatedCallText> {
    const base = this.ratingUrl().replace(/\/graphql$/, "");
    const params = new URLSearchParams({ partnerId, direction, from: from.toISOString(), to: to.toISOString() });
    const response = await fetch(`${base}/files/rated-calls?${params}`, {
      headers: { [PRINCIPAL_HEADER]: signPrincipal(INVOICING, this.secret, { audience: downloadAudience("rating", "rated-calls"), ttlSeconds: 60 }) },
    });
    if (!response.ok || !response.body) throw new SubgraphCallError("rating", `rated-calls export answered HTTP ${response.status}: ${await response.text().catch(() => "")}`);
    yield* readRatedCallText(response.body.pipeThrough(new TextDecoderStream()));
  }
}

/**
 * The export's data lines as they stream, whole lines per chunk, without the header and the end line. Without the
 * header, without the closing end line, with text after it, or with another count, the export failed.
 */
export async function* readRatedCallText(chunks: AsyncIterable<string>): AsyncGenerator<RatedCallText> {
  const header = RATED_CALLS_COLUMNS.join("\t");
  let n = 0;
  let rest = "";
  let ended = false;
  for await (const chunk of chunks) {
    const text = rest + chunk;
    let at = 0;
    if (n === 0) {
      const end = text.indexOf("\n");
      if (end === -1) {
        rest = text;
        continue;
      }
      if (text.slice(0, end) !== header) throw new RatedCallsExportError(`rated-calls export line 1: expected the header ${JSON.stringify(header)}`);
      n = 1;
      at = end + 1;
    }
    const whole = text.lastIndexOf("\n") + 1;
    rest = text.slice(Math.max(at, whole));
    if (whole <= at) continue;
    if (ended) throw new RatedCallsExportError(`rated-calls export line ${n + 1}: text after the end line`);
    let block = text.slice(at, whole);
    let lines = count(block);
    const mark = block.startsWith(`${RATED_CALLS_END}\t`) ? 0 : block.indexOf(`\n${RATED_CALLS_END}\t`) + 1 || -1;
    if (mark !== -1) {
      lines = count(block.slice(0, mark));
      const endLine = block.slice(mark, block.indexOf("\n", mark));
      const endAt = n + lines + 1;
      if (mark + endLine.length + 1 < block.length) throw new RatedCallsExportError(`rated-calls export line ${endAt + 1}: text after the end line`);
      const said = endLine.split("\t")[1];
      if (Number(said) !== n - 1 + lines) throw new RatedCallsExportError(`rated-calls export line ${endAt}: the end line counts ${said} calls, ${n - 1 + lines} came`);
      ended = true;
      block = block.slice(0, mark);
    }
    if (lines > 0) yield { text: block, firstLine: n + 1 };
    n += lines + (ended ? 1 : 0);
  }
  if (rest !== "") throw new RatedCallsExportError(`rated-calls export line ${n + 1}: cut off`);
  if (!ended) throw new RatedCallsExportError(`rated-calls export ended after ${Math.max(0, n - 1)} calls without its end line`);
}

function count(text: string): number {
  let lines = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  return lines;
}

/** The calls of the export's data lines, a batch per chunk (an async step per call would cost more than the call). */
export async function* readRatedCalls(chunks: AsyncIterable<string>): AsyncGenerator<OurCall[]> {
  yield* parseRatedCalls(readRatedCallText(chunks));
}

export async function* parseRatedCalls(blocks: AsyncIterable<RatedCallText>): AsyncGenerator<OurCall[]> {
  const amounts = new DecimalCache();
  for await (const { text, firstLine } of blocks) {
    const batch: OurCall[] = [];
    let n = firstLine;
    for (let at = 0, end = text.indexOf("\n"); end !== -1; at = end + 1, end = text.indexOf("\n", at), n++) {
      const line = text.slice(at, end);
      const f = copyFields(line);
      batch.push(ourCall(f, n, amounts));
    }
    yield batch;
  }
}

function ourCall(f: Array<string | null>, n: number, amounts: DecimalCache): OurCall {
  const [callId, startMs, aNumber, bNumber, duration, destination, amount, currency] = f;
  const start = Number(startMs);
  if (f.length !== RATED_CALLS_COLUMNS.length || !callId || !Number.isSafeInteger(start) || !/^\d+$/.test(duration ?? "") || amount === null || !currency) {
    throw new RatedCallsExportError(`rated-calls export line ${n}: ${f.length} fields, or call_id, start_ms, duration, amount or currency is not what the contract says`);
  }
  return { callId, start: new Date(start), aNumber: aNumber ?? "", bNumber: bNumber ?? "", duration: Number(duration), destination, amount: amounts.of(amount), currency };
}
