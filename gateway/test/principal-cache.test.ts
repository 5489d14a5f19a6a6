import { hashSecret, type Principal } from "@intersettle/shared";
import { PrincipalCache, type Resolved } from "../src/principal-cache";

const SECRET = "isk_cache-test-secret-000000000000000000000000";
const alice: Principal = { kind: "partner", partnerId: "p-1", credentialId: "c-1" };

/** A partners lookup the test answers by hand, counting the questions. */
function partners() {
  const asked: Array<{ secret: string; answer(r: Resolved | undefined): void }> = [];
  const lookUp = (secret: string) => new Promise<Resolved | undefined>((resolve) => asked.push({ secret, answer: resolve }));
  return { asked, lookUp };
}

function serving(ttlMs = 5000, maxEntries = 100) {
  let now = 1_000_000;
  const cache = new PrincipalCache({ ttlMs, maxEntries }, () => now);
  cache.setServing(true);
  return { cache, advance: (ms: number) => (now += ms), now: () => now };
}

const settle = () => new Promise((r) => setImmediate(r));

describe("PrincipalCache", () => {
  it("asks every time until it is told changes reach it, and when its TTL is 0", async () => {
    const { asked, lookUp } = partners();
    const notTold = new PrincipalCache({ ttlMs: 5000, maxEntries: 10 });
    const off = new PrincipalCache({ ttlMs: 0, maxEntries: 10 });
    off.setServing(true);
    for (const cache of [notTold, off]) {
      for (let i = 0; i < 2; i++) {
        const answer = cache.resolve(SECRET, lookUp);
        asked.at(-1)!.answer({ principal: alice, expiresAt: null });
        expect(await answer).toEqual(alice);
      }
      expect(cache.size).toBe(0);
    }
    expect(asked).toHaveLength(4);
  });

  it("reuses an answer for its TTL, then asks again", async () => {
    const { cache, advance } = serving(5000);
    const { asked, lookUp } = partners();
    const first = cache.resolve(SECRET, lookUp);
    asked[0].answer({ principal: alice, expiresAt: null });
    expect(await first).toEqual(alice);
    advance(4999);
    expect(await cache.resolve(SECRET, lookUp)).toEqual(alice);
    expect(asked).toHaveLength(1);
    advance(1);
    void cache.resolve(SECRET, lookUp);
    expect(asked).toHaveLength(2);
  });

  it("never serves a principal past its credential's expiry", async () => {
    const { cache, advance, now } = serving(5000);
    const { asked, lookUp } = partners();
    const first = cache.resolve(SECRET, lookUp);
    asked[0].answer({ principal: alice, expiresAt: now() + 1000 });
    await first;
    advance(999);
    await cache.resolve(SECRET, lookUp);
    expect(asked).toHaveLength(1);
    advance(1);
    void cache.resolve(SECRET, lookUp);
    expect(asked).toHaveLength(2);
  });

  it("keeps no failure: an unknown secret is asked about every time", async () => {
    const { cache } = serving();
    const { asked, lookUp } = partners();
    for (let i = 0; i < 3; i++) {
      const answer = cache.resolve(SECRET, lookUp);
      asked[i].answer(undefined);
      expect(await answer).toBeUndefined();
    }
    expect(cache.size).toBe(0);
  });

  it("asks once for a burst of requests with one secret", async () => {
    const { cache } = serving();
    const { asked, lookUp } = partners();
    const answers = Array.from({ length: 20 }, () => cache.resolve(SECRET, lookUp));
    expect(asked).toHaveLength(1);
    asked[0].answer({ principal: alice, expiresAt: null });
    expect(await Promise.all(answers)).toEqual(Array(20).fill(alice));
  });

  it("forgets everything on invalidate, and drops the answer of a lookup in flight across it", async () => {
    const { cache } = serving();
    const { asked, lookUp } = partners();
    const cached = cache.resolve(SECRET, lookUp);
    asked[0].answer({ principal: alice, expiresAt: null });
    await cached;
    cache.invalidate();
    expect(cache.size).toBe(0);

    // Asked before the change committed, answered after it was announced: used for that request, never kept…
    const before = cache.resolve(SECRET, lookUp);
    cache.invalidate();
    // …and a request arriving after the announcement does not wait on that stale answer: it asks anew.
    const after = cache.resolve(SECRET, lookUp);
    expect(asked).toHaveLength(3);
    asked[1].answer({ principal: alice, expiresAt: null });
    asked[2].answer(undefined);
    expect(await before).toEqual(alice);
    expect(await after).toBeUndefined();
    await settle();
    expect(cache.size).toBe(0);
  });

  it("stops serving, and forgets, when its feed goes down", async () => {
    const { cache } = serving();
    const { asked, lookUp } = partners();
    const cached = cache.resolve(SECRET, lookUp);
    asked[0].answer({ principal: alice, expiresAt: null });
    await cached;
    cache.setServing(false);
    expect(cache.size).toBe(0);
    void cache.resolve(SECRET, lookUp);
    expect(asked).toHaveLength(2);
  });

  it("holds at most maxEntries, dropping the oldest, keyed by neither the secret nor the stored hash", async () => {
    const { cache } = serving(5000, 3);
    for (let i = 0; i < 5; i++) await cache.resolve(`${SECRET}${i}`, async () => ({ principal: alice, expiresAt: null }));
    expect(cache.size).toBe(3);
    const { asked, lookUp } = partners();
    void cache.resolve(`${SECRET}0`, lookUp);
    await cache.resolve(`${SECRET}4`, lookUp);
    expect(asked.map((a) => a.secret)).toEqual([`${SECRET}0`]);
    const keys = JSON.stringify([...(cache as unknown as { entries: Map<string, unknown> }).entries.keys()]);
    for (let i = 0; i < 5; i++) {
      expect(keys).not.toContain(`${SECRET}${i}`);
      expect(keys).not.toContain(hashSecret(`${SECRET}${i}`));
    }
  });

  it("passes a failed lookup on and keeps nothing", async () => {
    const { cache } = serving();
    await expect(cache.resolve(SECRET, () => Promise.reject(new Error("partners down")))).rejects.toThrow("partners down");
    const { asked, lookUp } = partners();
    void cache.resolve(SECRET, lookUp);
    expect(asked).toHaveLength(1);
  });
});
