import { Client } from "pg";
import { EVENT_CHANNEL } from "./event-log";
import type { Logger } from "../logger";

type Listener = (topic: string) => void;
type ConnectionWatcher = (listening: boolean) => void;

/**
 * One LISTEN connection per process part, fanned out to consumers and streams. A lost connection is re-opened;
 * readers also poll, so a missed notification only delays delivery.
 */
export class EventWakeups {
  private client?: Client;
  private readonly listeners = new Set<Listener>();
  private readonly watchers = new Set<ConnectionWatcher>();
  private listening = false;
  private stopped = false;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(private readonly url: string, private readonly logger?: Logger) {}

  async start(): Promise<void> {
    const client = new Client({ connectionString: this.url });
    this.client = client;
    // Only the current connection's failure counts: an old one's late `end` must not open a second.
    const lost = (err?: Error) => {
      if (this.client !== client) return;
      this.logger?.warn({ err }, "event listener connection lost; reconnecting");
      this.scheduleReconnect();
    };
    client.on("notification", (msg) => this.listeners.forEach((l) => l(msg.payload ?? "")));
    client.on("error", lost);
    // A connection closed without an error (the server shut down) loses notifications all the same.
    client.on("end", () => lost());
    await client.connect();
    await client.query(`LISTEN ${EVENT_CHANNEL}`);
    if (this.client === client && !this.stopped) this.setListening(true);
  }

  /** Starts listening, retrying in the background until the database answers (for a part that can serve without it). */
  startInBackground(): void {
    this.start().catch(() => this.scheduleReconnect());
  }

  /** True while every notification committed from now on is delivered; false from the moment the connection fails. */
  get isListening(): boolean {
    return this.listening;
  }

  /**
   * Tells `watcher` each time notifications start or stop arriving, synchronously with the connection's failure:
   * what a cache invalidated by notifications needs to stop serving at once.
   */
  watchConnection(watcher: ConnectionWatcher): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  private setListening(listening: boolean): void {
    if (this.listening === listening) return;
    this.listening = listening;
    this.watchers.forEach((w) => w(listening));
  }

  private scheduleReconnect(): void {
    this.setListening(false);
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
    this.setListening(false);
    this.listeners.clear();
    this.watchers.clear();
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
