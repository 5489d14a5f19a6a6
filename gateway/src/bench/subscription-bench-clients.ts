import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

/**
 * The subscribers of the subscription benchmark, in a process of their own (forked by subscription-latency.bench),
 * so that the hub process's memory and CPU are the hub's. Records when each event reaches each client.
 */
export interface BenchSubscriber {
  url: string;
  connectionParams: Record<string, unknown>;
  query: string;
  /** The partner whose events it receives, or "*" for an operator (every partner's). */
  scope: string;
}

export type ToClients =
  | { kind: "connect"; subscribers: BenchSubscriber[] }
  | { kind: "primed?" }
  | { kind: "batch"; committedAt: number; events: Array<{ position: string; partnerId: string }> }
  | { kind: "report" };

export type FromClients =
  | { kind: "connected" }
  | { kind: "primed"; count: number }
  /** Every subscriber in the event's scope has it. */
  | { kind: "delivered"; position: string }
  | { kind: "report"; latencies: { p50: number; p99: number; max: number }; deliveries: number; lost: number; repeated: number };

const now = () => performance.timeOrigin + performance.now();
const send = (message: FromClients) => process.send!(message);

function run(): void {
  const clients: Client[] = [];
  /** Per subscriber: position → arrival times (more than one is a repeat). */
  let arrivals: Array<Map<string, number[]>> = [];
  let subscribers: BenchSubscriber[] = [];
  const batches: Array<{ committedAt: number; events: Array<{ position: string; partnerId: string }> }> = [];
  const counts = new Map<string, number>();

  const inScope = new Map<string, number>();
  const expected = (partnerId: string) => inScope.get(partnerId) ?? inScope.get("*") ?? 0;
  const receive = (index: number, position: string, partnerId: string) => {
    const at = now();
    const seen = arrivals[index].get(position);
    if (seen) seen.push(at);
    else arrivals[index].set(position, [at]);
    const count = (counts.get(position) ?? 0) + 1;
    counts.set(position, count);
    if (count === expected(partnerId)) send({ kind: "delivered", position });
  };

  process.on("message", async (message: ToClients) => {
    if (message.kind === "connect") {
      subscribers = message.subscribers;
      arrivals = subscribers.map(() => new Map());
      const operators = subscribers.filter((s) => s.scope === "*").length;
      inScope.set("*", operators);
      for (const s of subscribers) if (s.scope !== "*") inScope.set(s.scope, (inScope.get(s.scope) ?? operators) + 1);
      // In chunks, so no connection waits past the server's connection_init timeout.
      for (let i = 0; i < subscribers.length; i += 50) {
        await Promise.all(subscribers.slice(i, i + 50).map((s, j) => connect(s, i + j)));
      }
      send({ kind: "connected" });
    } else if (message.kind === "primed?") {
      send({ kind: "primed", count: arrivals.filter((a) => a.size > 0).length });
    } else if (message.kind === "batch") {
      batches.push(message);
    } else {
      send(report());
      await Promise.all(clients.map((c) => c.dispose()));
      process.exit(0);
    }
  });

  function connect(s: BenchSubscriber, index: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const client = createClient({ url: s.url, webSocketImpl: WebSocket, connectionParams: s.connectionParams, retryAttempts: 0, lazy: true, on: { connected: () => resolve() } });
      clients.push(client);
      client.subscribe<{ partnerEvents: { position: string; partnerId: string } }>(
        { query: s.query },
        {
          next: (r) => {
            if (r.errors) process.stderr.write(`subscriber ${index}: ${JSON.stringify(r.errors).slice(0, 300)}\n`);
            if (r.data) receive(index, r.data.partnerEvents.position, r.data.partnerEvents.partnerId);
          },
          error: (err) => {
            process.stderr.write(`subscriber ${index} ended: ${JSON.stringify(err).slice(0, 300)}\n`);
            reject(err instanceof Error ? err : new Error(JSON.stringify(err)));
          },
          complete: () => undefined,
        },
      );
    });
  }

  function report(): FromClients {
    const latencies: number[] = [];
    let lost = 0;
    let repeated = 0;
    subscribers.forEach((s, i) => {
      for (const batch of batches) {
        for (const event of batch.events) {
          if (s.scope !== "*" && s.scope !== event.partnerId) continue;
          const times = arrivals[i].get(event.position);
          if (!times) lost++;
          else {
            latencies.push(times[0] - batch.committedAt);
            repeated += times.length - 1;
          }
        }
      }
    });
    latencies.sort((x, y) => x - y);
    const at = (q: number) => +(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN).toFixed(1);
    return { kind: "report", latencies: { p50: at(0.5), p99: at(0.99), max: at(1) }, deliveries: latencies.length, lost, repeated };
  }
}

run();
