import type { PrincipalCacheLimits } from "./principal-cache";

/** How the gateway slows down guessing: so many failed authentications in a sliding window, then 429. */
export interface AuthThrottleLimits {
  /** Failures within the window after which further attempts are refused. */
  failures: number;
  windowMs: number;
  /** Most clients (and, separately, key prefixes) remembered; bounds memory under a flood of addresses. */
  maxTracked: number;
}

export interface AuthSettings extends AuthThrottleLimits {
  /**
   * Which peers may name the client in X-Forwarded-For (Express "trust proxy": addresses, subnets, `loopback`, or a
   * hop count). False, the default, trusts no one: the client is the TCP peer.
   */
  trustProxy: string | number | false;
  /** Principals reused briefly for a secret already resolved; served only while credential changes reach the gateway. */
  cache: PrincipalCacheLimits;
}

export function readAuthSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const proxy = env.INTERSETTLE_TRUST_PROXY?.trim();
  return {
    failures: Number(env.INTERSETTLE_AUTH_FAILURES || 10),
    windowMs: Number(env.INTERSETTLE_AUTH_WINDOW_S || 60) * 1000,
    maxTracked: Number(env.INTERSETTLE_AUTH_TRACKED || 10_000),
    trustProxy: !proxy ? false : /^\d+$/.test(proxy) ? Number(proxy) : proxy,
    cache: {
      ttlMs: Number(env.INTERSETTLE_AUTH_CACHE_S ?? 5) * 1000,
      maxEntries: Number(env.INTERSETTLE_AUTH_CACHE_ENTRIES || 10_000),
    },
  };
}

/**
 * The failure times still inside the window at `now`, with one more failure at `now`, oldest first. Only the
 * newest `failures` are kept: more could never change the answer of `retryAfterMs`.
 */
export function withFailure(times: readonly number[], now: number, limits: AuthThrottleLimits): number[] {
  return [...times.filter((t) => t > now - limits.windowMs), now].slice(-limits.failures);
}

/** How long until the next attempt is allowed: 0 while fewer than `failures` fall inside the window. */
export function retryAfterMs(times: readonly number[], now: number, limits: AuthThrottleLimits): number {
  const recent = times.filter((t) => t > now - limits.windowMs);
  if (recent.length < limits.failures) return 0;
  // Allowed again once the oldest of the newest `failures` leaves the window.
  return recent[recent.length - limits.failures] + limits.windowMs - now;
}

/** Failure times per key (a client address or a key prefix), in bounded memory. */
export class FailureLedger {
  // Map order is least recently failed first, so eviction drops the stalest key.
  private readonly entries = new Map<string, number[]>();

  constructor(private readonly limits: AuthThrottleLimits) {}

  get size(): number {
    return this.entries.size;
  }

  retryAfterMs(key: string, now: number): number {
    const times = this.entries.get(key);
    if (!times) return 0;
    const wait = retryAfterMs(times, now, this.limits);
    if (wait === 0 && times.every((t) => t <= now - this.limits.windowMs)) this.entries.delete(key);
    return wait;
  }

  recordFailure(key: string, now: number): void {
    const times = withFailure(this.entries.get(key) ?? [], now, this.limits);
    this.entries.delete(key);
    this.entries.set(key, times);
    if (this.entries.size > this.limits.maxTracked) this.evict(now);
  }

  private evict(now: number): void {
    for (const [key, times] of this.entries) {
      if (times[times.length - 1] <= now - this.limits.windowMs) this.entries.delete(key);
    }
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.limits.maxTracked) break;
      this.entries.delete(key);
    }
  }
}
