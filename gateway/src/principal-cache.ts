import { createHmac, randomBytes } from "node:crypto";
import type { Principal } from "@intersettle/shared";

export interface PrincipalCacheLimits {
  /** How long a principal is reused without asking the partners subgraph; 0 turns the cache off. */
  ttlMs: number;
  /** Most secrets remembered; the oldest entry goes first. */
  maxEntries: number;
}

/** What the partners subgraph answered for a secret: who, and until when at most (null: until revoked). */
export interface Resolved {
  principal: Principal;
  expiresAt: number | null;
}

interface Entry {
  principal: Principal;
  until: number;
}

/**
 * Principals of recently presented secrets, so that a busy client is not looked up in PostgreSQL on every request.
 * Entries are found by a keyed hash of the secret (a per-process random key: the secret, and the hash the database
 * stores, are never held), live `ttlMs` at most and never past the credential's expiry. Only successes are kept:
 * an unknown secret is asked about every time, and throttled by the failure ledger.
 *
 * The cache serves only while `serving` (its invalidation feed is connected); `invalidate()` forgets everything,
 * including lookups still in flight, whose answers may predate the change.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();
  /** One lookup per secret at a time: a burst of requests with one key asks once. */
  private readonly inFlight = new Map<string, Promise<Resolved | undefined>>();
  private readonly hashKey = randomBytes(32);
  private generation = 0;
  private serving = false;

  constructor(
    private readonly limits: PrincipalCacheLimits,
    private readonly clock: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get isServing(): boolean {
    return this.serving;
  }

  /** Serve (true) only while changes to credentials are known to reach `invalidate` at once; either way, forget all. */
  setServing(serving: boolean): void {
    this.invalidate();
    this.serving = serving && this.limits.ttlMs > 0;
  }

  invalidate(): void {
    this.generation++;
    this.entries.clear();
    this.inFlight.clear();
  }

  /** The principal for `secret`: cached, or from `lookUp` (kept when still current as it answers). */
  async resolve(secret: string, lookUp: (secret: string) => Promise<Resolved | undefined>): Promise<Principal | undefined> {
    if (!this.serving) return (await lookUp(secret))?.principal;
    const key = createHmac("sha256", this.hashKey).update(secret).digest("base64url");
    const now = this.clock();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.principal;
    if (hit) this.entries.delete(key);
    let pending = this.inFlight.get(key);
    if (!pending) {
      const generation = this.generation;
      pending = lookUp(secret).then(
        (resolved) => {
          if (this.generation === generation) {
            this.inFlight.delete(key);
            if (resolved) this.remember(key, resolved, now);
          }
          return resolved;
        },
        (err: unknown) => {
          if (this.generation === generation) this.inFlight.delete(key);
          throw err;
        },
      );
      this.inFlight.set(key, pending);
    }
    return (await pending)?.principal;
  }

  private remember(key: string, resolved: Resolved, askedAt: number): void {
    // Counted from when it was asked: the answer may be older than its arrival.
    const until = Math.min(askedAt + this.limits.ttlMs, resolved.expiresAt ?? Infinity);
    if (until <= this.clock()) return;
    this.entries.set(key, { principal: resolved.principal, until });
    if (this.entries.size > this.limits.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
