import fc from "fast-check";
import { PrefixIndex } from "@intersettle/shared";

// The flat trie routing depends on, checked against the obvious answer from a plain list of prefixes.
const prefix = fc.string({ unit: fc.constantFrom("0", "1", "2", "9"), minLength: 1, maxLength: 5 });

describe("PrefixIndex", () => {
  it("matches, lists and visits prefixes exactly as a scan of the list would", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(prefix, fc.integer()), { maxLength: 60 }), fc.string({ unit: fc.constantFrom("0", "1", "2", "9", "x"), maxLength: 8 }), (pairs, digits) => {
        const index = new PrefixIndex<number>();
        const expected = new Map<string, number>();
        for (const [p, v] of pairs) {
          index.set(p, v);
          expected.set(p, v);
        }
        const odd = (v: number) => v % 2 !== 0;
        const held = [...expected.keys()].filter((p) => digits.startsWith(p)).sort((a, b) => a.length - b.length);
        const longestOdd = held.filter((p) => odd(expected.get(p)!)).pop();
        const visited: string[] = [];
        index.forEachMatch(digits, (_v, length, seen) => seen.push(digits.slice(0, length)), visited);
        expect(index.size).toBe(expected.size);
        expect([...index.entries()]).toEqual([...expected].sort(([a], [b]) => (a < b ? -1 : 1)));
        expect(visited).toEqual(held);
        expect(index.longestMatch(digits)).toEqual(held.length ? { prefix: held[held.length - 1], value: expected.get(held[held.length - 1]) } : undefined);
        expect(index.longestValue(digits, odd, undefined)).toBe(longestOdd === undefined ? undefined : expected.get(longestOdd));
        for (const p of expected.keys()) expect(index.get(p)).toBe(expected.get(p));
        expect(index.get(digits)).toBe(expected.get(digits));
        // A mapped copy answers the same, and maps values in ascending prefix order.
        const mappedOrder: number[] = [];
        const copy = index.mapValues((v) => (mappedOrder.push(v), `v${v}`));
        const sorted = [...expected].sort(([a], [b]) => (a < b ? -1 : 1));
        expect(mappedOrder).toEqual(sorted.map(([, v]) => v));
        expect([...copy.entries()]).toEqual(sorted.map(([p, v]) => [p, `v${v}`]));
        expect(copy.size).toBe(index.size);
        expect(copy.longestMatch(digits)?.prefix).toBe(index.longestMatch(digits)?.prefix);
        const copyVisited: string[] = [];
        copy.forEachMatch(digits, (_v, length, seen) => seen.push(digits.slice(0, length)), copyVisited);
        expect(copyVisited).toEqual(held);
        copy.set(digits.replace(/x/g, "") + "5", "new");
        expect(copy.get(digits.replace(/x/g, "") + "5")).toBe("new");
      }),
      { numRuns: 500 },
    );
  });

  it("refuses a prefix that is not digits", () => {
    expect(() => new PrefixIndex<number>().set("44a", 1)).toThrow(RangeError);
  });
});
