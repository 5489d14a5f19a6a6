import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

/** The gateway's WebSocket endpoint: the same port and path as HTTP. */
export function wsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, "ws");
}

/** A client's subscription over a real WebSocket, recording every result it receives. */
export interface Watch {
  results: any[];
  completed: boolean;
  error?: unknown;
  client: Client;
  /** Resolves once the gateway has acknowledged the connection (the subscription is sent right after). */
  connected: Promise<void>;
  /** Resolves with the results once there are at least `count` of them (or the subscription ended). */
  until(count: number, timeoutMs?: number): Promise<any[]>;
  /** Leaves: completes the subscription and closes the socket. */
  dispose(): Promise<void>;
}

export function watch(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Watch {
  let acked!: () => void;
  const connected = new Promise<void>((resolve) => (acked = resolve));
  const client = createClient({
    url: wsUrl(url),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: true,
    on: { connected: () => acked() },
  });
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((w) => w());
  const w: Watch = {
    results: [],
    completed: false,
    client,
    connected,
    until: (count, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (w.results.length >= count || w.completed || w.error) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(w.results);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`waited ${timeoutMs} ms for ${count} results, got ${w.results.length}: ${JSON.stringify(w.results).slice(0, 500)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    dispose: async () => {
      unsubscribe();
      await client.dispose();
    },
  };
  const unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (value) => void (w.results.push(value), notify()),
      error: (err) => void ((w.error = err), notify()),
      complete: () => void ((w.completed = true), notify()),
    },
  );
  return w;
}

/** Opens a raw graphql-ws connection with the given init payload: "ack", or the close code and reason. */
export function connectionAnswer(url: string, payload: Record<string, unknown> | undefined): Promise<{ ack: boolean; code?: number; reason?: string }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(wsUrl(url), "graphql-transport-ws");
    socket.on("open", () => socket.send(JSON.stringify(payload ? { type: "connection_init", payload } : { type: "connection_init" })));
    socket.on("message", (data) => {
      if (JSON.parse(String(data)).type === "connection_ack") {
        resolve({ ack: true });
        socket.close(1000);
      }
    });
    socket.on("close", (code, reason) => resolve({ ack: false, code, reason: String(reason) }));
  });
}

/** Calls `poke` until the watch has a result: a subscription that starts "now" is live once something arrives. */
export async function primed(w: Watch, poke: () => Promise<unknown>, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (w.results.length === 0) {
    if (w.error || w.completed) throw new Error(`subscription ended: ${JSON.stringify(w.error ?? w.results)}`);
    if (Date.now() - started > timeoutMs) throw new Error("the subscription never received an event");
    await poke();
    await w.until(1, 300).catch(() => undefined);
  }
}

/** A gauge or counter of the gateway's /metrics, summed over the label values matching `labels`. */
export async function metric(httpUrl: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(httpUrl.replace(/graphql$/, "metrics"))).text();
  let total = 0;
  for (const line of text.split("\n")) {
    const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    if (Object.entries(labels).every(([k, v]) => (m[2] ?? "").includes(`${k}="${v}"`))) total += Number(m[3]);
  }
  return total;
}

/** Polls until `read` returns `expected`, or fails with the last value. */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  let last: T = await read();
  while (last !== expected && Date.now() - started < timeoutMs) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  expect(last).toBe(expected);
}

/**
 * Waits until each watch is connected, then a margin for the gateway to open its upstream stream: for streams that
 * start "now" where poking them with a throwaway event (see `primed`) would disturb what the test counts.
 */
export async function settled(...watches: Watch[]): Promise<void> {
  await Promise.all(watches.map((w) => w.connected));
  await new Promise((r) => setTimeout(r, 1000));
}
