import fc from "fast-check";
import { isIanaTimezone, localDate, parseInstant, periodContaining, periodsBetween, PeriodUnit } from "../src/time";

const iso = (d: Date) => d.toISOString();

describe("timezones", () => {
  it("accepts IANA names and refuses offsets and nonsense", () => {
    expect(isIanaTimezone("Europe/London")).toBe(true);
    expect(isIanaTimezone("Asia/Kolkata")).toBe(true);
    expect(isIanaTimezone("America/Argentina/Buenos_Aires")).toBe(true);
    expect(isIanaTimezone("UTC")).toBe(true);
    expect(isIanaTimezone("+02:00")).toBe(false);
    expect(isIanaTimezone("Mars/Olympus")).toBe(false);
    expect(isIanaTimezone("")).toBe(false);
  });
  it("reads local times in the given zone and keeps explicit offsets", () => {
    expect(iso(parseInstant("2026-03-01T10:00:00", "Asia/Kolkata")!)).toBe("2026-03-01T04:30:00.000Z");
    expect(iso(parseInstant("2026-03-01T10:00:00+01:00", "Asia/Kolkata")!)).toBe("2026-03-01T09:00:00.000Z");
    expect(parseInstant("yesterday")).toBeUndefined();
    expect(localDate(new Date("2026-03-01T20:00:00Z"), "Asia/Tokyo")).toBe("2026-03-02");
  });
});

describe("periods", () => {
  it("cuts a month at local midnight", () => {
    const p = periodContaining(new Date("2026-03-31T23:30:00Z"), PeriodUnit.MONTH, "Europe/Berlin");
    expect(iso(p.start)).toBe("2026-03-31T22:00:00.000Z"); // 1 April 00:00 CEST
    expect(p.firstDate).toBe("2026-04-01");
    expect(p.lastDate).toBe("2026-04-30");
    expect(iso(p.end)).toBe("2026-04-30T22:00:00.000Z");
  });
  it("has a 23-hour day when clocks go forward", () => {
    const p = periodContaining(new Date("2026-03-29T12:00:00Z"), PeriodUnit.DAY, "Europe/London");
    expect(p.end.getTime() - p.start.getTime()).toBe(23 * 3600_000);
  });
  it("starts weeks on Monday and splits half-months at the 16th", () => {
    const week = periodContaining(new Date("2026-11-22T12:00:00Z"), PeriodUnit.WEEK, "UTC");
    expect(week.firstDate).toBe("2026-11-16");
    expect(week.lastDate).toBe("2026-11-22");
    const first = periodContaining(new Date("2026-02-15T12:00:00Z"), PeriodUnit.HALF_MONTH, "UTC");
    expect([first.firstDate, first.lastDate]).toEqual(["2026-02-01", "2026-02-15"]);
    const second = periodContaining(new Date("2026-02-16T00:00:00Z"), PeriodUnit.HALF_MONTH, "UTC");
    expect([second.firstDate, second.lastDate]).toEqual(["2026-02-16", "2026-02-28"]);
  });
  it("covers any interval with contiguous periods that contain their instants", () => {
    const zones = fc.constantFrom("UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham");
    const units = fc.constantFrom(...Object.values(PeriodUnit));
    const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms));
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 90 * 86400_000 }), units, zones, (from, span, unit, zone) => {
        const to = new Date(from.getTime() + span);
        const periods = periodsBetween(from, to, unit, zone);
        const contiguous = periods.every((p, i) => i === 0 || p.start.getTime() === periods[i - 1].end.getTime());
        return contiguous && periods[0].start <= from && periods[periods.length - 1].end >= to && periods.every((p) => p.start < p.end);
      }),
    );
  });
});
