/**
 * The lines of rating's rated-calls export (GET /files/rating/rated-calls?partnerId=&direction=SELL|BUY&from=&to=,
 * NDJSON): one partner's leg of every RATED billable call starting in [from, to), in start order, then an `end` line
 * with the count. Amounts are exact decimal strings in the leg's currency; the start is milliseconds since the epoch (UTC),
 * which both sides write and read far faster than ISO text. A reader that never sees
 * the `end` line, or sees another count, must treat the export as failed.
 */
export type RatedCallsExportLine = RatedCallLine | RatedCallsEnd;

export interface RatedCallLine {
  kind: "call";
  callId: string;
  startMs: number;
  aNumber: string;
  bNumber: string;
  /** Seconds. */
  duration: number;
  destination: string | null;
  amount: string;
  currency: string;
}

export interface RatedCallsEnd {
  kind: "end";
  calls: number;
}

export const RATED_CALLS_CONTENT_TYPE = "application/x-ndjson";
