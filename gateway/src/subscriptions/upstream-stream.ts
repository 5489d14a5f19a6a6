import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { graphqlAudience, PRINCIPAL_HEADER, signPrincipal, type Logger, type Principal } from "@intersettle/shared";
import type { UpstreamEvent } from "./event-resolution";
import { upstreamEvents, upstreamReconnects } from "./subscription-metrics";

/** What a stream tells the subscribers attached to it. */
export interface StreamListener {
  event(event: UpstreamEvent): void;
  /** The stream ended: completed by the subgraph, or refused (`errors`). */
  end(errors?: UpstreamEvent["errors"]): void;
}

export interface UpstreamSpec {
  subgraph: string;
  /** The subgraph's ws:// URL. */
  url: string;
  query: string;
  variables: Record<string, unknown>;
  /** Resumable streams are reopened after the last position received; others start again from "now". */
  resume?: { variable: string; after: string | null; positionOf(event: UpstreamEvent): string | undefined };
  /** Who the stream runs as: the subgraph's own scoping applies to it. */
  principal: Principal;
  secret: string;
}

export interface UpstreamSettings {
  /** Ping interval on the upstream socket; no pong within one interval and the socket is dropped and reopened. */
  keepAliveMs: number;
  /** Reconnection backoff: first delay, doubled up to the cap. */
  retryBaseMs: number;
  retryMaxMs: number;
}

/** Close codes by which a subgraph refuses the request itself: reopening would only be refused again. */
const REFUSED = new Set([4400, 4401, 4403, 4406]);

/**
 * One subscription to the owning subgraph over graphql-ws, fanned out to every listener. A dropped connection
 * (a restarted subgraph, a dead socket) is reopened with backoff, signed anew, and resumed after the last
 * position received, so listeners see a delay and nothing else.
 */
export class UpstreamStream {
  private readonly listeners = new Set<StreamListener>();
  private client?: Client;
  private attempt = 0;
  private live?: number;
  private failures = 0;
  private retryTimer?: NodeJS.Timeout;
  private closed = false;
  private after: string | null;

  constructor(
    private readonly spec: UpstreamSpec,
    private readonly settings: UpstreamSettings,
    /** Called once when the stream ends by itself (completed or refused), not when closed. */
    private readonly onEnd: () => void,
    private readonly logger?: Logger,
  ) {
    this.after = spec.resume?.after ?? null;
  }

  get subgraph(): string {
    return this.spec.subgraph;
  }

  get size(): number {
    return this.listeners.size;
  }

  add(listener: StreamListener): void {
    this.listeners.add(listener);
    if (this.live === undefined && !this.retryTimer && !this.closed) this.open();
  }

  /** Detaches a listener; returns how many remain. */
  remove(listener: StreamListener): number {
    this.listeners.delete(listener);
    return this.listeners.size;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.live = undefined;
    void this.client?.dispose();
  }

  private open(): void {
    const attempt = ++this.attempt;
    this.live = attempt;
    this.retryTimer = undefined;
    const { spec } = this;
    const client = (this.client = createClient({
      url: spec.url,
      webSocketImpl: heartbeatSocket(this.settings.keepAliveMs),
      lazy: true,
      retryAttempts: 0,
      connectionAckWaitTimeout: this.settings.keepAliveMs,
      // Called at every connection: the signature is fresh however long the stream lives.
      connectionParams: () => ({ [PRINCIPAL_HEADER]: signPrincipal(spec.principal, spec.secret, { audience: graphqlAudience(spec.subgraph), ttlSeconds: 60 }) }),
      on: {
        connected: () => void (this.failures = 0),
        closed: (event) => this.lost(attempt, event),
      },
    }));
    const variables = spec.resume ? { ...spec.variables, [spec.resume.variable]: this.after } : spec.variables;
    client.subscribe<Record<string, unknown>>(
      { query: spec.query, variables },
      {
        next: (event) => {
          if (this.live !== attempt) return;
          const position = spec.resume?.positionOf(event);
          if (position !== undefined) this.after = position;
          upstreamEvents.inc({ subgraph: spec.subgraph });
          for (const listener of this.listeners) listener.event(event);
        },
        error: (err) => this.lost(attempt, err),
        complete: () => {
          if (this.live === attempt) this.finish();
        },
      },
    );
  }

  private lost(attempt: number, reason: unknown): void {
    if (this.live !== attempt || this.closed) return;
    this.live = undefined;
    void this.client?.dispose();
    const code = (reason as { code?: unknown } | undefined)?.code;
    // GraphQL errors (an `error` message): the subgraph refused the operation.
    if (Array.isArray(reason)) return this.finish(reason);
    if (typeof code === "number" && REFUSED.has(code)) {
      this.logger?.error({ subgraph: this.spec.subgraph, code, reason: (reason as { reason?: string }).reason }, "subgraph refused the subscription connection");
      return this.finish([{ message: `The ${this.spec.subgraph} service refused the subscription`, extensions: { code: "UNAVAILABLE" } }]);
    }
    const delay = Math.min(this.settings.retryMaxMs, this.settings.retryBaseMs * 2 ** this.failures) * (0.75 + Math.random() / 2);
    this.failures++;
    upstreamReconnects.inc({ subgraph: this.spec.subgraph });
    this.logger?.warn({ subgraph: this.spec.subgraph, code, delayMs: Math.round(delay), after: this.after }, "subscription upstream dropped; reconnecting");
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private finish(errors?: UpstreamEvent["errors"]): void {
    this.close();
    this.onEnd();
    for (const listener of [...this.listeners]) listener.end(errors);
    this.listeners.clear();
  }
}

/** A WebSocket that pings its peer and drops the connection when a pong does not come back in time. */
export function heartbeatSocket(intervalMs: number): unknown {
  return class HeartbeatSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { handshakeTimeout: intervalMs });
      let alive = true;
      const timer = setInterval(() => {
        if (this.readyState !== WebSocket.OPEN) return;
        if (!alive) return void this.terminate();
        alive = false;
        this.ping();
      }, intervalMs);
      timer.unref();
      this.on("pong", () => (alive = true));
      this.on("close", () => clearInterval(timer));
    }
  };
}
