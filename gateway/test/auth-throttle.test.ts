import fc from "fast-check";
import { FailureLedger, readAuthSettings, retryAfterMs, withFailure, type AuthThrottleLimits } from "../src/auth-throttle";

const limits: AuthThrottleLimits = { failures: 3, windowMs: 10_000, maxTracked: 4 };

/** Failure times in order, as gaps from the previous one; small numbers, so histories often sit on the window's edge. */
const small: AuthThrottleLimits = { failures: 3, windowMs: 10, maxTracked: 4 };
const failureTimes = fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 30 }).map((gaps) => gaps.reduce<number[]>((acc, g) => [...acc, (acc.at(-1) ?? 0) + g], []));

describe("sliding-window failure counting", () => {
  it("throttles exactly when the window holds at least `failures` failures, for any history", () => {
    fc.assert(
      fc.property(failureTimes, fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 5 }), (times, later, failures) => {
        const l = { ...small, failures };
        const kept = times.reduce<number[]>((acc, t) => withFailure(acc, t, l), []);
        const now = (times.at(-1) ?? 0) + later;
        const inWindow = times.filter((t) => t > now - l.windowMs).length;
        expect(retryAfterMs(kept, now, l) > 0).toBe(inWindow >= failures);
        expect(kept.length).toBeLessThanOrEqual(failures);
      }),
    );
  });

  it("asks to wait exactly until the window frees a slot, and never longer than the window", () => {
    fc.assert(
      fc.property(failureTimes, fc.integer({ min: 0, max: 20 }), (times, later) => {
        const kept = times.reduce<number[]>((acc, t) => withFailure(acc, t, small), []);
        const now = (times.at(-1) ?? 0) + later;
        const wait = retryAfterMs(kept, now, small);
        expect(wait).toBeLessThanOrEqual(small.windowMs);
        if (wait > 0) {
          expect(retryAfterMs(kept, now + wait - 1, small)).toBeGreaterThan(0);
          expect(retryAfterMs(kept, now + wait, small)).toBe(0);
        }
      }),
    );
  });
});

describe("FailureLedger", () => {
  it("keeps each key's count to itself", () => {
    const ledger = new FailureLedger(limits);
    for (const t of [0, 1, 2]) ledger.recordFailure("10.0.0.1", t);
    ledger.recordFailure("10.0.0.2", 2);
    expect(ledger.retryAfterMs("10.0.0.1", 3)).toBe(9_997);
    expect(ledger.retryAfterMs("10.0.0.2", 3)).toBe(0);
  });

  it("remembers at most maxTracked keys, forgetting the stalest first", () => {
    const ledger = new FailureLedger(limits);
    for (let i = 0; i < 100; i++) for (const t of [0, 1, 2]) ledger.recordFailure(`client-${i}`, i * 10 + t);
    expect(ledger.size).toBe(limits.maxTracked);
    expect(ledger.retryAfterMs("client-99", 1_000)).toBeGreaterThan(0);
    expect(ledger.retryAfterMs("client-0", 1_000)).toBe(0);
  });

  it("forgets a key once its failures have left the window", () => {
    const ledger = new FailureLedger(limits);
    ledger.recordFailure("k", 0);
    expect(ledger.retryAfterMs("k", limits.windowMs)).toBe(0);
    expect(ledger.size).toBe(0);
  });
});

describe("readAuthSettings", () => {
  it("defaults to 10 failures a minute, trusts no proxy and caches principals 5 s", () => {
    expect(readAuthSettings({})).toEqual({ failures: 10, windowMs: 60_000, maxTracked: 10_000, trustProxy: false, cache: { ttlMs: 5_000, maxEntries: 10_000 } });
  });
  it("reads thresholds and a trusted proxy (addresses or a hop count)", () => {
    const env = { INTERSETTLE_AUTH_FAILURES: "3", INTERSETTLE_AUTH_WINDOW_S: "5", INTERSETTLE_TRUST_PROXY: "loopback, 10.0.0.0/8" };
    expect(readAuthSettings(env)).toEqual({ failures: 3, windowMs: 5_000, maxTracked: 10_000, trustProxy: "loopback, 10.0.0.0/8", cache: { ttlMs: 5_000, maxEntries: 10_000 } });
    expect(readAuthSettings({ INTERSETTLE_TRUST_PROXY: "1" }).trustProxy).toBe(1);
  });
  it("turns the principal cache off at 0 seconds and bounds it", () => {
    expect(readAuthSettings({ INTERSETTLE_AUTH_CACHE_S: "0", INTERSETTLE_AUTH_CACHE_ENTRIES: "50" }).cache).toEqual({ ttlMs: 0, maxEntries: 50 });
  });
});
