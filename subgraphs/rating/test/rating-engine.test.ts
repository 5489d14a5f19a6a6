import fc from "fast-check";
import { Decimal, RoundingMode } from "@intersettle/shared";
import { billedQuantity } from "@intersettle/shared";
import { PrefixIndex, dialledDigits } from "@intersettle/shared";
import { buildRatingCard, chargedAmount, rateUsage, type RatingCard } from "@intersettle/shared";
import { RatedService, type RateRow } from "@intersettle/shared";
import { DateTime } from "luxon";
import { bandAt, minutesOfDay, splitByBands, ZoneClock, type TimeBand } from "@intersettle/shared";

const d = (v: string | number) => new Decimal(v);
const PEAK: TimeBand = { name: "PEAK", weekdays: [1, 2, 3, 4, 5], start: "08:00", end: "18:00" };
const NIGHT: TimeBand = { name: "NIGHT", weekdays: [1, 2, 3, 4, 5, 6, 7], start: "22:00", end: "06:00" };

function row(prefix: string, rate: string, extra: Partial<RateRow> = {}): RateRow {
  return {
    prefix,
    destination: `Dest ${prefix}`,
    rate: d(rate),
    nextRate: d(extra.nextRate?.toString() ?? rate),
    connectFee: d(0),
    initialInterval: 1,
    nextInterval: 1,
    gracePeriod: 0,
    effectiveFrom: new Date("2026-01-01T00:00:00Z"),
    effectiveTo: null,
    timeBand: null,
    version: 1,
    ...extra,
  };
}

function card(rows: RateRow[], bands: TimeBand[] = [], zone = "UTC", service = RatedService.VOICE): RatingCard {
  return buildRatingCard({ service, currency: "USD", timezone: zone, bands }, rows);
}

const amountOf = (result: ReturnType<typeof rateUsage>) => ("rated" in result ? result.rated.exactAmount.toFixed() : result.unrated);

describe("billing increments", () => {
  const terms = { initialInterval: 30, nextInterval: 6, gracePeriod: 3 };
  it.each([
    [0, 0],
    [3, 0],
    [4, 30],
    [30, 30],
    [31, 36],
    [36, 36],
    [37, 42],
  ])("%i seconds bill as %i", (seconds, billed) => {
    expect(billedQuantity(seconds, terms)).toBe(billed);
  });

  it("never bills less than used (beyond grace) and never decreases as usage grows", () => {
    const t = fc.record({ initialInterval: fc.integer({ min: 0, max: 120 }), nextInterval: fc.integer({ min: 1, max: 60 }), gracePeriod: fc.integer({ min: 0, max: 10 }) });
    fc.assert(
      fc.property(t, fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 1000 }), (terms, q, extra) => {
        const a = billedQuantity(q, terms);
        const b = billedQuantity(q + extra, terms);
        return b >= a && (q <= terms.gracePeriod || a >= q) && (a === 0 || a - Math.max(q, terms.initialInterval) < terms.nextInterval);
      }),
    );
  });
});

describe("prefix index", () => {
  it("finds the longest prefix, optionally only among accepted values", () => {
    const index = new PrefixIndex<string>();
    index.set("44", "UK");
    index.set("447", "UK mobile");
    index.set("4477", "UK mobile special");
    expect(index.longestMatch("447700900123")).toEqual({ prefix: "4477", value: "UK mobile special" });
    expect(index.longestMatch("447600900123")?.value).toBe("UK mobile");
    expect(index.longestMatch("447700900123", (v) => v !== "UK mobile special")?.prefix).toBe("447");
    expect(index.longestMatch("33123")).toBeUndefined();
  });
  it("normalizes dialled numbers", () => {
    expect(dialledDigits("+44 (20) 7946-0018")).toBe("442079460018");
    expect(dialledDigits("0044207946")).toBe("44207946");
  });
});

describe("time bands", () => {
  it("places weekday, weekend and overnight times", () => {
    expect(bandAt([PEAK, NIGHT], 1, 9 * 60)).toBe("PEAK");
    expect(bandAt([PEAK, NIGHT], 6, 9 * 60)).toBeNull(); // Saturday
    expect(bandAt([PEAK, NIGHT], 6, 23 * 60)).toBe("NIGHT");
    expect(bandAt([PEAK, NIGHT], 7, 3 * 60)).toBe("NIGHT"); // started Saturday night
  });

  it("splits a call across midnight into a weekend", () => {
    // Friday 2026-11-20 23:58 UTC for 5 minutes: NIGHT all the way, but with weekday-only PEAK no split.
    const segs = splitByBands(new Date("2026-11-20T17:59:00Z"), 180, [PEAK, NIGHT], "UTC");
    expect(segs).toEqual([
      { band: "PEAK", offset: 0, seconds: 60 },
      { band: null, offset: 60, seconds: 120 },
    ]);
    const overnight = splitByBands(new Date("2026-11-20T21:59:30Z"), 90, [PEAK, NIGHT], "UTC");
    expect(overnight).toEqual([
      { band: null, offset: 0, seconds: 30 },
      { band: "NIGHT", offset: 30, seconds: 60 },
    ]);
  });

  it("cuts at midnight going into the weekend, and keeps an overnight band running into Saturday", () => {
    const EVENING: TimeBand = { name: "EVENING", weekdays: [1, 2, 3, 4, 5], start: "18:00", end: "24:00" };
    // Friday 2026-11-20 23:59:00 UTC, 3 minutes: the weekday-only EVENING ends at midnight; Saturday has no band.
    expect(splitByBands(new Date("2026-11-20T23:59:00Z"), 180, [EVENING], "UTC")).toEqual([
      { band: "EVENING", offset: 0, seconds: 60 },
      { band: null, offset: 60, seconds: 120 },
    ]);
    // A Friday-night band that crosses midnight carries on into Saturday until 06:00.
    expect(splitByBands(new Date("2026-11-20T23:59:00Z"), 180, [{ ...NIGHT, weekdays: [5] }], "UTC")).toEqual([{ band: "NIGHT", offset: 0, seconds: 180 }]);
    expect(splitByBands(new Date("2026-11-21T05:59:00Z"), 120, [{ ...NIGHT, weekdays: [5] }], "UTC")).toEqual([
      { band: "NIGHT", offset: 0, seconds: 60 },
      { band: null, offset: 60, seconds: 60 },
    ]);
  });

  it("reads bands in the owner's timezone, across a daylight-saving change", () => {
    // 2026-03-29: London moves to BST at 01:00 UTC. PEAK (Mon-Fri) does not apply on Sunday; use an all-week band.
    const day: TimeBand = { name: "DAY", weekdays: [1, 2, 3, 4, 5, 6, 7], start: "08:00", end: "18:00" };
    const segs = splitByBands(new Date("2026-03-29T06:59:00Z"), 120, [day], "Europe/London"); // 07:59 BST
    expect(segs).toEqual([
      { band: null, offset: 0, seconds: 60 },
      { band: "DAY", offset: 60, seconds: 60 },
    ]);
  });

  it("never gains or loses a second when splitting", () => {
    const zones = fc.constantFrom("UTC", "Europe/London", "Asia/Kolkata", "America/New_York", "Australia/Lord_Howe");
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }), fc.integer({ min: 1, max: 3 * 86400 }), zones, (ms, seconds, zone) => {
        const segs = splitByBands(new Date(ms), seconds, [PEAK, NIGHT], zone);
        const total = segs.reduce((s, x) => s + x.seconds, 0);
        const contiguous = segs.every((s, i) => i === 0 || s.offset === segs[i - 1].offset + segs[i - 1].seconds);
        const merged = segs.every((s, i) => i === 0 || s.band !== segs[i - 1].band);
        return total === seconds && contiguous && merged && segs.every((s) => Number.isInteger(s.seconds) && s.seconds > 0);
      }),
    );
  });
});

describe("rating", () => {
  const at = new Date("2026-06-03T10:00:00Z"); // Wednesday

  it("prices initial and next intervals with a connect fee, per minute", () => {
    const c = card([row("44", "0.012", { nextRate: d("0.006"), initialInterval: 60, nextInterval: 30, connectFee: d("0.05") })]);
    const result = rateUsage(c, "+44 20 7946 0018", at, 61);
    expect("rated" in result && result.rated).toMatchObject({ prefix: "44", billedQuantity: 90 });
    // 60 s at 0.012/min + 30 s at 0.006/min + 0.05
    expect(amountOf(result)).toBe("0.065");
  });

  it("charges nothing for zero-duration or grace-period calls, not even the connect fee", () => {
    const c = card([row("1", "0.01", { gracePeriod: 5, connectFee: d("0.02") })]);
    expect(amountOf(rateUsage(c, "1212", at, 0))).toBe("0");
    expect(amountOf(rateUsage(c, "1212", at, 5))).toBe("0");
    expect(amountOf(rateUsage(c, "1212", at, 6))).toBe("0.021");
  });

  it("uses the version in force at the start: one second before a new rate gets the old one", () => {
    const switchover = new Date("2026-07-01T00:00:00Z");
    const c = card([
      row("91", "0.010", { effectiveTo: switchover }),
      row("91", "0.020", { effectiveFrom: switchover, version: 2 }),
    ]);
    const before = rateUsage(c, "919876543210", new Date(switchover.getTime() - 1000), 60);
    const after = rateUsage(c, "919876543210", switchover, 60);
    expect("rated" in before && [before.rated.version, before.rated.exactAmount.toFixed()]).toEqual([1, "0.01"]);
    expect("rated" in after && [after.rated.version, after.rated.exactAmount.toFixed()]).toEqual([2, "0.02"]);
    expect(amountOf(rateUsage(c, "919876543210", new Date("2025-12-31T23:59:59Z"), 60))).toBe("NO_RATE_IN_FORCE");
  });

  it("falls back to a shorter prefix when the longer one is not in force, and reports unrated calls", () => {
    const c = card([row("44", "0.01"), row("447", "0.05", { effectiveFrom: new Date("2027-01-01T00:00:00Z") })]);
    expect("rated" in rateUsage(c, "447700900123", at, 60) && (rateUsage(c, "447700900123", at, 60) as any).rated.prefix).toBe("44");
    expect(amountOf(rateUsage(c, "33123456", at, 60))).toBe("NO_PREFIX_MATCH");
  });

  it("prices each band's stretch at that band's rate, the connect fee once", () => {
    const c = card([row("49", "0.02", { timeBand: "PEAK", connectFee: d("0.01") }), row("49", "0.01")], [PEAK]);
    // Wednesday 17:59 UTC, 3 minutes: 1 minute PEAK, 2 minutes off-peak (all-times rate)
    const result = rateUsage(c, "4930123", new Date("2026-06-03T17:59:00Z"), 180);
    expect("rated" in result && result.rated.pieces.map((p) => [p.band, p.quantity, p.unitRate.toFixed()])).toEqual([
      ["PEAK", 60, "0.02"],
      [null, 120, "0.01"],
    ]);
    expect(amountOf(result)).toBe("0.05");
    const noFallback = card([row("49", "0.02", { timeBand: "PEAK" })], [PEAK]);
    expect(amountOf(rateUsage(noFallback, "4930123", new Date("2026-06-03T17:59:00Z"), 180))).toBe("NO_RATE_FOR_BAND");
  });

  it("rates SMS per message and data per MB with KB increments", () => {
    const sms = card([row("1", "0.004")], [], "UTC", RatedService.SMS);
    expect(amountOf(rateUsage(sms, "12125550100", at, 3))).toBe("0.012");
    const data = card([row("1", "0.5", { initialInterval: 10, nextInterval: 10 })], [], "UTC", RatedService.DATA);
    const result = rateUsage(data, "1", at, 1025); // 1025 KB -> 1030 KB billed
    expect("rated" in result && result.rated.billedQuantity).toBe(1030);
    expect(amountOf(result)).toBe(new Decimal("0.5").times(1030).dividedBy(1024).toFixed());
  });

  it("never charges less for a longer call", () => {
    const c = card([row("44", "0.03", { timeBand: "PEAK", initialInterval: 30, nextInterval: 6, connectFee: d("0.01") }), row("44", "0.012", { initialInterval: 30, nextInterval: 6 })], [PEAK, NIGHT]);
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }), fc.integer({ min: 0, max: 7200 }), fc.integer({ min: 0, max: 600 }), (ms, seconds, more) => {
        const start = new Date(ms);
        const a = rateUsage(c, "4479", start, seconds);
        const b = rateUsage(c, "4479", start, seconds + more);
        return "rated" in a && "rated" in b && b.rated.exactAmount.gte(a.rated.exactAmount);
      }),
    );
  });

  it("rounds per CDR only when the convention says so", () => {
    const exact = d("0.0654999");
    expect(chargedAmount(exact, { decimals: 4, mode: RoundingMode.HALF_UP, perCdr: true }).toFixed()).toBe("0.0655");
    expect(chargedAmount(exact, { decimals: 4, mode: RoundingMode.DOWN, perCdr: true }).toFixed()).toBe("0.0654");
    expect(chargedAmount(exact, { decimals: 4, mode: RoundingMode.HALF_UP, perCdr: false }).toFixed()).toBe("0.0654999");
  });
});

describe("bounded band splitting", () => {
  const band = (name: string, start: string, end: string, weekdays = [1, 2, 3, 4, 5, 6, 7]): TimeBand => ({ name, weekdays, start, end });
  const boundariesPerDay = (bands: TimeBand[]) => new Set([0, ...bands.flatMap((b) => [minutesOfDay(b.start), minutesOfDay(b.end) % 1440])]).size;
  const DAY = 86_400;
  /** Every 30th minute of the day its own band: 48 band changes a day. */
  const halfHours = Array.from({ length: 48 }, (_, i) => {
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
    return band(`H${i % 2}`, hhmm(i * 30), i === 47 ? "24:00" : hhmm(i * 30 + 30));
  });

  it("splits a week-long call over daily bands into one piece per band change", () => {
    const segs = splitByBands(new Date("2026-06-01T00:00:00Z"), 7 * DAY, [band("DAY", "08:00", "18:00")], "UTC"); // a Monday
    expect(segs).toHaveLength(15); // 7 days, 8 nights (the nights merge across midnight)
    expect(segs.filter((s) => s.band === "DAY").every((s) => s.seconds === 10 * 3600)).toBe(true);
  });

  it("rates a ceiling-length call on a card with many bands into a bounded number of pieces", () => {
    const c = card([row("44", "0.03", { timeBand: "H0", initialInterval: 60, nextInterval: 60 }), row("44", "0.01", { timeBand: "H1" }), row("44", "0.02")], halfHours, "Europe/London");
    const result = rateUsage(c, "4479", new Date("2026-10-22T10:00:17Z"), 7 * DAY); // across the clocks going back
    if (!("rated" in result)) throw new Error(result.unrated);
    expect(result.rated.pieces.reduce((s, p) => s + p.quantity, 0)).toBe(result.rated.billedQuantity);
    expect(result.rated.pieces.length).toBeLessThanOrEqual(48 * 7 + 3);
    expect(result.rated.pieces.length).toBeGreaterThan(48 * 7 - 3);
  });

  it("costs a few clock readings per band change, not per second or day of the raw duration", () => {
    const readings = jest.spyOn(ZoneClock.prototype, "offsetMs");
    try {
      // A card whose band never changes: any length is one piece, even one no CDR may carry.
      expect(splitByBands(new Date("2026-06-01T00:00:00Z"), 1e12, [band("ALWAYS", "00:00", "24:00")], "Europe/London")).toEqual([{ band: "ALWAYS", offset: 0, seconds: 1e12 }]);
      expect(readings.mock.calls.length).toBeLessThanOrEqual(4);
      readings.mockClear();
      // Sundays only, for 20 years: two band changes a week.
      const segs = splitByBands(new Date("2026-06-01T00:00:00Z"), 20 * 365 * DAY, [band("SUNDAY", "00:00", "24:00", [7])], "UTC");
      expect(segs.length).toBeLessThanOrEqual(2 * 1044 + 1);
      expect(readings.mock.calls.length).toBeLessThanOrEqual(4 * segs.length);
    } finally {
      readings.mockRestore();
    }
  });

  /**
   * The band each second falls in, read on the owner's wall clock with luxon: what splitting must reproduce. These
   * zones' offsets are whole minutes, so a second's band is its UTC minute's.
   */
  function bySecond(start: Date, seconds: number, bands: TimeBand[], zone: string) {
    const segs: Array<{ band: string | null; offset: number; seconds: number }> = [];
    const t0 = Math.floor(start.getTime() / 1000) * 1000;
    for (let s = 0; s < seconds; ) {
      const local = DateTime.fromMillis(t0 + s * 1000, { zone });
      const b = bandAt(bands, local.weekday, local.hour * 60 + local.minute);
      const run = Math.min(seconds - s, 60 - local.second);
      const last = segs[segs.length - 1];
      if (last && last.band === b) last.seconds += run;
      else segs.push({ band: b, offset: s, seconds: run });
      s += run;
    }
    return segs;
  }

  const randomBand = fc
    .record({ name: fc.constantFrom("A", "B", "C"), weekdays: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }), start: fc.integer({ min: 0, max: 95 }), end: fc.integer({ min: 1, max: 96 }) })
    .filter((b) => b.start !== b.end % 96)
    .map((b) => {
      const hhmm = (q: number) => `${String(Math.floor(q / 4)).padStart(2, "0")}:${String((q % 4) * 15).padStart(2, "0")}`;
      return { name: b.name, weekdays: b.weekdays, start: hhmm(b.start), end: hhmm(b.end) };
    });
  const zones = fc.constantFrom("UTC", "Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata");
  /** Starts near the 2026 clock changes of those zones, and anywhere. */
  const starts = fc.oneof(
    fc.constantFrom("2026-03-08T06:00:00Z", "2026-03-29T00:00:00Z", "2026-04-04T14:00:00Z", "2026-10-03T15:00:00Z", "2026-10-25T00:00:00Z", "2026-11-01T05:00:00Z").chain((t) => fc.integer({ min: Date.parse(t) - 4 * 3600_000, max: Date.parse(t) + 4 * 3600_000 })),
    fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }),
  );

  it("cuts exactly where the owner's wall clock changes band, daylight saving included", () => {
    fc.assert(
      fc.property(starts, fc.integer({ min: 1, max: DAY }), fc.array(randomBand, { minLength: 1, maxLength: 3 }), zones, (ms, seconds, bands, zone) => {
        expect(splitByBands(new Date(ms), seconds, bands, zone)).toEqual(bySecond(new Date(ms), seconds, bands, zone));
      }),
      { numRuns: 100 },
    );
  });

  it("sums to the billed quantity, in at most a piece per band boundary and day plus two", () => {
    fc.assert(
      fc.property(starts, fc.integer({ min: 1, max: 7 * DAY }), fc.array(randomBand, { minLength: 1, maxLength: 4 }), zones, (ms, seconds, bands, zone) => {
        const segs = splitByBands(new Date(ms), seconds, bands, zone);
        const since2020 = { effectiveFrom: new Date("2020-01-01T00:00:00Z") };
        const c = card([row("44", "0.02", { ...since2020, initialInterval: 30, nextInterval: 6 }), row("44", "0.03", { ...since2020, timeBand: "A" }), row("44", "0.01", { ...since2020, timeBand: "B" })], bands, zone);
        const rated = rateUsage(c, "4479", new Date(ms), seconds);
        if (!("rated" in rated)) return false;
        const pieces = rated.rated.pieces;
        const days = Math.ceil(seconds / DAY);
        return (
          segs.reduce((s, x) => s + x.seconds, 0) === seconds &&
          segs.length <= boundariesPerDay(bands) * days + 2 &&
          pieces.reduce((s, p) => s + p.quantity, 0) === rated.rated.billedQuantity &&
          pieces.length <= boundariesPerDay(bands) * days + 3
        );
      }),
      { numRuns: 300 },
    );
  });
});
