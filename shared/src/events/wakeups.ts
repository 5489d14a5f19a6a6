import { Client } from "pg";
import { EVENT_CHANNEL } from "./event-log";
import type { Logger } from "../logger";

type Listener = (topic: string) => void;

/**
 * One LISTEN connection per process part, fanned out to consumers and streams. A lost connection is re-opened;
 * readers also poll, so a missed notification only delays delivery.
 */
export class EventWakeups {
  private client?: Client;
  private readonly listeners = new Set<Listener>();
  private stopped = false;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(private readonly url: string, private readonly logger?: Logger) {}

  async start(): Promise<void> {
    const client = new Client({ connectionString: this.url });
    client.on("notification", (msg) => this.listeners.forEach((l) => l(msg.payload ?? "")));
    client.on("error", (err) => {
      this.logger?.warn({ err }, "event listener connection lost; reconnecting");
      this.scheduleReconnect();
    });
    await client.connect();
    await client.query(`LISTEN ${EVENT_CHANNEL}`);
    this.client = client;
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    this.client = undefined;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.start().catch(() => this.scheduleReconnect());
    }, 1000);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A wake signal for `topics` that remembers a notification arriving while its owner is busy reading,
   * so a commit between a read and the next wait is never missed.
   */
  signal(topics: string[]): WakeSignal {
    let pending = false;
    let closed = false;
    let wake: (() => void) | undefined;
    const unsubscribe = this.subscribe((topic) => {
      if (!topics.includes(topic)) return;
      pending = true;
      wake?.();
    });
    return {
      wait(timeoutMs: number) {
        if (closed) return Promise.resolve(false);
        if (pending) {
          pending = false;
          return Promise.resolve(true);
        }
        return new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => done(false), timeoutMs);
          function done(notified: boolean) {
            clearTimeout(timer);
            wake = undefined;
            pending = false;
            resolve(notified);
          }
          wake = () => done(true);
        });
      },
      interrupt: () => wake?.(),
      close: () => {
        closed = true;
        unsubscribe();
        wake?.();
      },
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.listeners.clear();
    await this.client?.end().catch(() => undefined);
  }
}

export interface WakeSignal {
  /** Resolves at once if a notification came since the last wait, else on the next one or after `timeoutMs`; true when notified. */
  wait(timeoutMs: number): Promise<boolean>;
  /** Ends a pending wait now. */
  interrupt(): void;
  /** Ends a pending wait, and makes every later wait return at once. */
  close(): void;
}
