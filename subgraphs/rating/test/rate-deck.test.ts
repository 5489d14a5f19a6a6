import { parseDeckRow, resolveDeckColumns, type DeckRowContext } from "../src/domain/rate-deck";
import { rateCardProblems } from "../src/domain/rate-card-rules";
import { convertAmount } from "@intersettle/shared";
import { Decimal } from "@intersettle/shared";
import fc from "fast-check";
import { MAX_INCREMENT } from "@intersettle/shared";

const ctx = (layout = {}): DeckRowContext => ({ layout, zone: "Asia/Kolkata", defaultEffectiveFrom: new Date("2026-01-01T00:00:00Z"), bands: new Set(["PEAK"]) });

describe("deck columns", () => {
  it("finds columns case-insensitively in any order, and names the missing required ones", () => {
    expect(resolveDeckColumns(["RATE", " Prefix ", "destination"]).columns).toMatchObject({ rate: 0, prefix: 1, destination: 2 });
    expect(resolveDeckColumns(["prefix"]).problems.map((p) => p.column)).toEqual(["destination", "rate"]);
    expect(resolveDeckColumns(["Code", "Name", "Price"], { columns: { prefix: "code", destination: "name", rate: "price" } }).problems).toEqual([]);
  });
});

describe("deck rows", () => {
  const native = resolveDeckColumns(["prefix", "destination", "rate", "next_rate", "effective_from", "effective_to", "time_band", "grace_period"]).columns;

  it("applies defaults and reads dates without an offset in the owner's timezone", () => {
    const { row, problems } = parseDeckRow(["91", "India", "0.0125", "", "2026-04-01", "", "", ""], 2, native, ctx());
    expect(problems).toEqual([]);
    expect(row).toMatchObject({ prefix: "91", nextRate: new Decimal("0.0125"), connectFee: new Decimal(0), initialInterval: 1, nextInterval: 1, gracePeriod: 0, timeBand: null, effectiveTo: null });
    expect(row!.effectiveFrom.toISOString()).toBe("2026-03-31T18:30:00.000Z");
    const withOffset = parseDeckRow(["91", "India", "0.0125", "", "2026-04-01T00:00:00Z", "", "", ""], 2, native, ctx());
    expect(withOffset.row!.effectiveFrom.toISOString()).toBe("2026-04-01T00:00:00.000Z");
  });

  it("lists every problem of a row with its line and column", () => {
    const { row, problems } = parseDeckRow(["9a", "", "-1", "x", "2026-04-01", "2026-03-01", "NIGHT", "1.5"], 7, native, ctx());
    expect(row).toBeUndefined();
    expect(problems.map((p) => `${p.line}:${p.column}`)).toEqual(["7:prefix", "7:destination", "7:rate", "7:next_rate", "7:grace_period", "7:effective_to", "7:time_band"]);
  });

  it("reads vendor conventions: decimal comma, per-second prices, local date formats", () => {
    const columns = resolveDeckColumns(["Code", "Country", "Sec", "From"], { columns: { prefix: "Code", destination: "Country", rate: "Sec", effective_from: "From" } }).columns;
    const layout = { columns: { prefix: "Code", destination: "Country", rate: "Sec", effective_from: "From" }, decimalComma: true, ratePer: "SECOND" as const, dateFormat: "dd.MM.yyyy" };
    const { row, problems } = parseDeckRow(["49", "Germany", "0,0002", "15.03.2026"], 2, columns, ctx(layout));
    expect(problems).toEqual([]);
    expect(row!.rate.toFixed()).toBe("0.012");
    expect(row!.effectiveFrom.toISOString()).toBe("2026-03-14T18:30:00.000Z");
    expect(parseDeckRow(["49", "Germany", "0,0002", "2026-03-15"], 3, columns, ctx(layout)).problems[0]).toEqual({ line: 3, column: "From", message: "'2026-03-15' is not a date in the format dd.MM.yyyy" });
  });
});

describe("interval rules", () => {
  const intervals = resolveDeckColumns(["prefix", "destination", "rate", "initial_interval", "next_interval", "grace_period"]).columns;
  const parse = (initial: string, next: string, grace = "") => parseDeckRow(["44", "UK", "0.01", initial, next, grace], 2, intervals, ctx());

  it("rejects a zero initial interval exactly as a zero next interval", () => {
    const initial = parse("0", "60").problems;
    const next = parse("60", "0").problems;
    expect(initial.map((p) => p.column)).toEqual(["initial_interval"]);
    expect(next.map((p) => p.column)).toEqual(["next_interval"]);
    expect(initial[0].message).toBe(next[0].message);
  });

  it("takes intervals from 1 to MAX_INCREMENT and a grace period from 0, defaulting to 1/1 and no grace", () => {
    const interval = fc.oneof(fc.constantFrom(0, 1, MAX_INCREMENT, MAX_INCREMENT + 1), fc.integer({ min: 0, max: 2 * MAX_INCREMENT }));
    fc.assert(
      fc.property(interval, interval, (initial, next) => {
        const { row, problems } = parse(String(initial), String(next));
        const bad = [initial < 1 || initial > MAX_INCREMENT, next < 1 || next > MAX_INCREMENT].filter(Boolean).length;
        expect(problems).toHaveLength(bad);
        if (!bad) expect(row).toMatchObject({ initialInterval: initial, nextInterval: next });
      }),
    );
    expect(parse("", "").row).toMatchObject({ initialInterval: 1, nextInterval: 1, gracePeriod: 0 });
    expect(parse("60", "60", "0").problems).toEqual([]);
    expect(parse("99999999999", "1.5", "-1").problems.map((p) => p.column)).toEqual(["initial_interval", "next_interval", "grace_period"]);
  });
});

describe("values the database must be able to take", () => {
  const native = resolveDeckColumns(["prefix", "destination", "rate"]).columns;
  const columnsOf = (destination: string, rate: string) => parseDeckRow(["44", destination, rate], 2, native, ctx()).problems.map((p) => p.column);
  it("bounds a price to 12 digits before the point and 20 after, and refuses a NUL byte in a name", () => {
    expect(columnsOf("UK", `${"9".repeat(12)}.${"1".repeat(20)}`)).toEqual([]);
    expect(columnsOf("UK", `${"9".repeat(13)}.1`)).toEqual(["rate"]);
    expect(columnsOf("UK", `0.${"1".repeat(21)}`)).toEqual(["rate"]);
    expect(columnsOf("U\u0000K", "0.01")).toEqual(["destination"]);
  });
});

describe("deck cells in messages", () => {
  it("quotes a huge cell clipped", () => {
    const native = resolveDeckColumns(["prefix", "destination", "rate"]).columns;
    const { problems } = parseDeckRow(["4".repeat(100_000) + "x", "UK", "0.01"], 2, native, ctx());
    expect(problems[0].message.length).toBeLessThan(400);
    expect(problems[0].message).toMatch(/…' must be 1-20 digits$/);
  });
});

describe("rate card rules", () => {
  it("checks currency and bands", () => {
    expect(rateCardProblems({ name: "x", currency: "USD", timeBands: [{ name: "PEAK", weekdays: [1], start: "08:00", end: "18:00" }] })).toEqual([]);
    expect(rateCardProblems({ currency: "usd", timeBands: [{ name: "A", weekdays: [8], start: "8:00", end: "18:00" }, { name: "A", weekdays: [1], start: "22:00", end: "22:00" }] }).map((p) => p.field)).toEqual([
      "currency",
      "timeBands.0.weekdays",
      "timeBands.0.start",
      "timeBands.1.name",
      "timeBands.1.end",
    ]);
  });
});

describe("currency conversion", () => {
  const rates: Record<string, string> = { "EUR/USD": "1.1", "USD/INR": "83" };
  const lookup = (b: string, q: string) => (rates[`${b}/${q}`] ? new Decimal(rates[`${b}/${q}`]) : undefined);
  it("goes direct, inverse, or across the hub currency", () => {
    expect(convertAmount(new Decimal(10), "EUR", "USD", lookup, "USD")!.toFixed()).toBe("11");
    expect(convertAmount(new Decimal(11), "USD", "EUR", lookup, "USD")!.toFixed()).toBe("10");
    expect(convertAmount(new Decimal(1), "EUR", "INR", lookup, "USD")!.toFixed()).toBe("91.3");
    expect(convertAmount(new Decimal(1), "EUR", "JPY", lookup, "USD")).toBeUndefined();
    expect(convertAmount(new Decimal(5), "GBP", "GBP", lookup, "USD")!.toFixed()).toBe("5");
  });
});
