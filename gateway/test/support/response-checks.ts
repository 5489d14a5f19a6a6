import type { GraphQLResponse } from "@intersettle/shared";

/** What an answer to a client must never carry: stack traces, file paths, SQL or driver messages. */
const INTERNALS: Array<[string, RegExp]> = [
  ["a stack trace", /stack/i],
  ["a stack frame", /\bat \S+ \(?[^)\s]*:\d+:\d+/],
  ["an absolute path", /\/work\/|\/home\/|\/root\/|\/usr\/|[A-Za-z]:\\\\/],
  ["node_modules", /node_modules/],
  ["a source file", /\.(ts|js):\d+/],
  ["SQL", /SELECT |INSERT INTO|UPDATE \S+ SET|DELETE FROM|violates|syntax error at|relation "|duplicate key value|QueryFailedError/],
];

/**
 * The canaries (ids or strings) a response contains. One the request itself sent may come back in an error
 * ("Partner <id> not found"): that tells the caller nothing it did not know, so only the data is searched for it.
 */
export function leakedCanaries(response: GraphQLResponse, canaries: string[], request: unknown = {}): string[] {
  const sent = JSON.stringify(request);
  const data = JSON.stringify(response.data ?? null);
  const all = JSON.stringify({ data: response.data ?? null, errors: response.errors ?? null });
  return canaries.filter((c) => (sent.includes(c) ? data : all).includes(c));
}

/** The kinds of internals a response shows. */
export function leakedInternals(response: GraphQLResponse): string[] {
  const text = JSON.stringify({ data: response.data ?? null, errors: response.errors ?? null });
  return INTERNALS.filter(([, pattern]) => pattern.test(text)).map(([what]) => what);
}
