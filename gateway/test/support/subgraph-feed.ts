import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { graphqlAudience, PRINCIPAL_HEADER, signPrincipal, type Principal } from "@intersettle/shared";
import type { TestHub } from "./test-hub";

/** One subscription's events as they arrive, each with its arrival time; or the error that ended it. */
export class SubgraphFeed<T = any> {
  readonly received: Array<{ value: T; at: number }> = [];
  error?: unknown;
  private readonly client: Client;
  private wake?: () => void;

  /** Subscribes straight to a subgraph over graphql-ws, as the gateway would for `principal`. */
  constructor(hub: TestHub, subgraph: string, principal: Principal, query: string, variables: Record<string, unknown> = {}) {
    this.client = createClient({
      url: hub.subgraphUrls[subgraph].replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { [PRINCIPAL_HEADER]: signPrincipal(principal, hub.internalSecret, { audience: graphqlAudience(subgraph) }) },
    });
    this.client.subscribe<Record<string, T>>(
      { query, variables },
      {
        next: (msg) => {
          if (msg.errors) this.error = msg.errors;
          else this.received.push({ value: Object.values(msg.data!)[0], at: Date.now() });
          this.wake?.();
        },
        error: (err) => {
          this.error = err;
          this.wake?.();
        },
        complete: () => this.wake?.(),
      },
    );
  }

  values(): T[] {
    return this.received.map((r) => r.value);
  }

  /** The first event (from the start of the feed) that matches, waiting for it up to `timeoutMs`. */
  async first(match: (value: T) => boolean, timeoutMs = 10_000): Promise<{ value: T; at: number }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find((r) => match(r.value));
      if (found) return found;
      if (this.error) throw new Error(`subscription ended: ${JSON.stringify(this.error)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching event within ${timeoutMs} ms; received ${JSON.stringify(this.values())}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Waits until the subscription fails (for refusals), up to `timeoutMs`. */
  async failure(timeoutMs = 5_000): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    while (!this.error && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return this.error;
  }

  close(): Promise<void> {
    return this.client.dispose() as Promise<void>;
  }
}
