import fc from "fast-check";
import { DateTime } from "luxon";
import { Decimal } from "@intersettle/shared";
import { billedMinutes, dueDate, UsageUnit } from "../src/domain";

describe("dueDate", () => {
  it("counts from the issue date in the partner's timezone, not UTC's", () => {
    const issuedAt = new Date("2026-03-31T23:30:00Z");
    expect(dueDate(issuedAt, { paymentTermsDays: 30, timezone: "UTC" })).toBe("2026-04-30");
    expect(dueDate(issuedAt, { paymentTermsDays: 30, timezone: "Asia/Tokyo" })).toBe("2026-05-01");
    expect(dueDate(issuedAt, { paymentTermsDays: 30, timezone: "America/Los_Angeles" })).toBe("2026-04-30");
  });

  it("counts calendar days across a DST change and a leap day", () => {
    expect(dueDate(new Date("2026-03-28T23:30:00Z"), { paymentTermsDays: 1, timezone: "Europe/London" })).toBe("2026-03-29");
    expect(dueDate(new Date("2028-02-28T12:00:00Z"), { paymentTermsDays: 1, timezone: "Europe/London" })).toBe("2028-02-29");
    expect(dueDate(new Date("2026-01-15T12:00:00Z"), { paymentTermsDays: 0, timezone: "Europe/London" })).toBe("2026-01-15");
  });

  it("refuses fractional or negative terms and unknown zones", () => {
    expect(() => dueDate(new Date(), { paymentTermsDays: 1.5, timezone: "UTC" })).toThrow(RangeError);
    expect(() => dueDate(new Date(), { paymentTermsDays: -1, timezone: "UTC" })).toThrow(RangeError);
    expect(() => dueDate(new Date(), { paymentTermsDays: 1, timezone: "Mars/Olympus" })).toThrow(RangeError);
  });

  it("is the local issue date plus the terms, for any instant and zone (property)", () => {
    const zones = ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "Pacific/Kiritimati", "Pacific/Pago_Pago"];
    fc.assert(fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), fc.integer({ min: 0, max: 180 }), fc.constantFrom(...zones), (ms, days, timezone) => {
      const local = DateTime.fromMillis(ms, { zone: timezone });
      expect(dueDate(new Date(ms), { paymentTermsDays: days, timezone })).toBe(local.startOf("day").plus({ days }).toISODate());
    }));
  });
});

describe("billedMinutes", () => {
  it("shows seconds as decimal minutes and units as none", () => {
    expect(billedMinutes({ unit: UsageUnit.SECOND, quantity: 90 })!.toFixed()).toBe("1.5");
    expect(billedMinutes({ unit: UsageUnit.SECOND, quantity: 61 })!.toFixed()).toBe("1.02");
    expect(billedMinutes({ unit: UsageUnit.SECOND, quantity: 61 }, 4)!.toFixed()).toBe("1.0167");
    expect(billedMinutes({ unit: UsageUnit.UNIT, quantity: 61 })).toBeNull();
  });

  it("is a Decimal within half a displayed unit of the seconds (property)", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 6 }), (seconds, decimals) => {
      const minutes = billedMinutes({ unit: UsageUnit.SECOND, quantity: seconds }, decimals)!;
      expect(Decimal.isDecimal(minutes)).toBe(true);
      const halfUnit = new Decimal(10).pow(-decimals).dividedBy(2);
      expect(minutes.minus(new Decimal(seconds).dividedBy(60)).abs().lte(halfUnit)).toBe(true);
      expect(minutes.decimalPlaces()).toBeLessThanOrEqual(decimals);
    }));
  });
});
