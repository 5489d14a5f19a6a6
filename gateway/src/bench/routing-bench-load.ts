import autocannon from "autocannon";

/**
 * The HTTP clients of the routing benchmark, in a process of their own (forked by routing-gateway.bench), so that the
 * load they make is not counted against the hub's two cores twice: one autocannon run per message.
 */
export interface LoadPhase {
  url: string;
  headers: Record<string, string>;
  query: string;
  customerId: string;
  numbers: string[];
  connections: number;
  seconds: number;
  /** false: the query takes no variables (the same body every time). */
  variables?: boolean;
}

export interface LoadResult {
  requestsPerSecond: number;
  total: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

process.on("message", (phase: LoadPhase) => {
  let next = 0;
  const fixed = JSON.stringify({ query: phase.query });
  const body = () => (phase.variables === false ? fixed : JSON.stringify({ query: phase.query, variables: { c: phase.customerId, n: phase.numbers[next++ % phase.numbers.length] } }));
  autocannon(
    {
      url: phase.url,
      method: "POST",
      headers: { "content-type": "application/json", ...phase.headers },
      connections: phase.connections,
      duration: phase.seconds,
      requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }],
    },
    (err, result) => {
      if (err) throw err;
      const out: LoadResult = { requestsPerSecond: result.requests.average, total: result.requests.total, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
      process.send!(out);
    },
  );
});
