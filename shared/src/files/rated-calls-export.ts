/**
 * Rating's rated-calls export (GET /files/rating/rated-calls?partnerId=&direction=SELL|BUY&from=&to=): one partner's
 * leg of every RATED billable call starting in [from, to), in no particular order, for reconciliation. PostgreSQL's
 * COPY text format, because it is what the database writes fastest and a reader splits fastest (a million calls as
 * NDJSON took four times as long to write and twice the bytes): a header line of the column names, one line per call
 * with tab-separated fields (NULL as \N; backslash, tab and line breaks escaped — read a line with copyFields), and
 * last the end line `\.<tab><calls>`. A reader that never sees the end line, or sees another count, must treat the
 * export as failed. Amounts are exact decimals in the leg's currency; the start is milliseconds since the epoch (UTC).
 */
export const RATED_CALLS_COLUMNS = ["call_id", "start_ms", "a_number", "b_number", "duration", "destination", "amount", "currency"] as const;

/** The end line's mark: no data field can be it, since COPY escapes a backslash as two. */
export const RATED_CALLS_END = "\\.";

export const RATED_CALLS_CONTENT_TYPE = "text/tab-separated-values; charset=utf-8";
