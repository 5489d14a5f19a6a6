import fc from "fast-check";
import { monthKey, monthPartition } from "../src/ingestion/month-partitions";

describe("monthly partitions of rated_cdr", () => {
  it("write the year in full for years 1, 999, 1999, 2000 and 9999", () => {
    const at = (iso: string) => monthPartition("rated_cdr", monthKey(Date.parse(iso)));
    expect(at("0001-01-15T00:00:00Z")).toEqual({ name: "rated_cdr_0001_01", from: "0001-01-01 00:00:00+00", to: "0001-02-01 00:00:00+00" });
    expect(at("0999-12-31T23:59:59Z")).toEqual({ name: "rated_cdr_0999_12", from: "0999-12-01 00:00:00+00", to: "1000-01-01 00:00:00+00" });
    expect(at("1999-12-01T00:00:00Z")).toEqual({ name: "rated_cdr_1999_12", from: "1999-12-01 00:00:00+00", to: "2000-01-01 00:00:00+00" });
    expect(at("2000-02-29T12:00:00Z")).toEqual({ name: "rated_cdr_2000_02", from: "2000-02-01 00:00:00+00", to: "2000-03-01 00:00:00+00" });
    expect(at("9999-12-31T23:59:59.999Z")).toEqual({ name: "rated_cdr_9999_12", from: "9999-12-01 00:00:00+00", to: "10000-01-01 00:00:00+00" });
  });

  it("name years before 1 as BC, as PostgreSQL writes them", () => {
    const d = new Date(0);
    d.setUTCFullYear(0, 5, 10);
    expect(monthPartition("rated_cdr", monthKey(d.getTime()))).toEqual({ name: "rated_cdr_bc0001_06", from: "0001-06-01 00:00:00+00 BC", to: "0001-07-01 00:00:00+00 BC" });
    d.setUTCFullYear(0, 11, 10);
    expect(monthPartition("rated_cdr", monthKey(d.getTime())).to).toBe("0001-01-01 00:00:00+00");
  });

  it("refuse a key that is not a month rather than guess its bounds", () => {
    for (const key of ["-000001", "1-02", "2026-13", "2026-00", "+010000-01", "abcd-01"]) expect(() => monthPartition("rated_cdr", key)).toThrow(RangeError);
  });

  it("give every instant a partition that contains it, ending where the next month's begins", () => {
    const pgTime = (literal: string) => {
      const [, y, m, bc] = /^(\d+)-(\d{2})-01 00:00:00\+00( BC)?$/.exec(literal)!;
      return new Date(0).setUTCFullYear(bc ? 1 - Number(y) : Number(y), Number(m) - 1, 1);
    };
    fc.assert(fc.property(fc.integer({ min: Date.UTC(-4000, 0, 1), max: Date.UTC(20000, 0, 1) }), (ms) => {
      const p = monthPartition("rated_cdr", monthKey(ms));
      expect(pgTime(p.from)).toBeLessThanOrEqual(ms);
      expect(pgTime(p.to)).toBeGreaterThan(ms);
      const next = monthPartition("rated_cdr", monthKey(pgTime(p.to)));
      expect(next.from).toBe(p.to);
      expect(next.name).not.toBe(p.name);
    }));
  });
});
