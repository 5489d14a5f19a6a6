import fc from "fast-check";
import { Decimal } from "@intersettle/shared";
import { daysPastDue, invoiceStatus } from "../src/domain";

const d = (v: string) => new Decimal(v);

describe("invoiceStatus", () => {
  const due = { total: d("100.00"), dueDate: "2026-11-30" };

  it("reads ISSUED, PARTIALLY_PAID and PAID from the amounts before the due date", () => {
    const asOf = new Date("2026-11-20T10:00:00Z");
    expect(invoiceStatus({ ...due, openAmount: d("100.00") }, asOf, "UTC")).toBe("ISSUED");
    expect(invoiceStatus({ ...due, openAmount: d("0.01") }, asOf, "UTC")).toBe("PARTIALLY_PAID");
    expect(invoiceStatus({ ...due, openAmount: d("99.99") }, asOf, "UTC")).toBe("PARTIALLY_PAID");
    expect(invoiceStatus({ ...due, openAmount: d("0") }, asOf, "UTC")).toBe("PAID");
  });

  it("turns OVERDUE the day after the due date in the partner's timezone, not UTC's", () => {
    const open = { ...due, openAmount: d("40.00") };
    // 2026-11-30T23:30Z is already 1 December in Tokyo, still 30 November in New York.
    const instant = new Date("2026-11-30T23:30:00Z");
    expect(invoiceStatus(open, instant, "Asia/Tokyo")).toBe("OVERDUE");
    expect(invoiceStatus(open, instant, "America/New_York")).toBe("PARTIALLY_PAID");
    expect(invoiceStatus(open, new Date("2026-11-30T14:59:59Z"), "Asia/Tokyo")).toBe("PARTIALLY_PAID");
    expect(invoiceStatus(open, new Date("2026-11-30T15:00:00Z"), "Asia/Tokyo")).toBe("OVERDUE");
  });

  it("never calls a paid invoice overdue", () => {
    expect(invoiceStatus({ ...due, openAmount: d("0.00") }, new Date("2027-06-01T00:00:00Z"), "UTC")).toBe("PAID");
  });

  it("is PAID exactly when nothing is open, and OVERDUE exactly when something is open after the due date (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 23 }), (totalCents, openCents, offset, hour) => {
        const total = new Decimal(totalCents).dividedBy(100);
        const open = Decimal.min(total, new Decimal(openCents).dividedBy(100));
        const asOf = new Date(Date.UTC(2026, 2, 29 + offset, hour, 30));
        const status = invoiceStatus({ total, openAmount: open, dueDate: "2026-03-29" }, asOf, "Europe/London");
        expect(status === "PAID").toBe(open.isZero());
        expect(status === "OVERDUE").toBe(open.gt(0) && daysPastDue("2026-03-29", asOf, "Europe/London") > 0);
        expect(status === "ISSUED").toBe(open.gt(0) && open.eq(total) && daysPastDue("2026-03-29", asOf, "Europe/London") <= 0);
      }),
      { numRuns: 500 },
    );
  });
});

describe("daysPastDue", () => {
  it("counts calendar days in the partner's timezone, across a DST change", () => {
    expect(daysPastDue("2026-03-28", new Date("2026-03-28T23:59:00Z"), "UTC")).toBe(0);
    expect(daysPastDue("2026-03-28", new Date("2026-03-28T23:30:00Z"), "Europe/London")).toBe(0);
    // London springs forward on 29 March 2026: 23 hours later is still exactly one calendar day.
    expect(daysPastDue("2026-03-28", new Date("2026-03-29T00:00:00Z"), "Europe/London")).toBe(1);
    expect(daysPastDue("2026-03-28", new Date("2026-03-29T23:00:00Z"), "Europe/London")).toBe(2);
    expect(daysPastDue("2026-04-01", new Date("2026-03-29T12:00:00Z"), "UTC")).toBe(-3);
    expect(daysPastDue("2025-12-31", new Date("2026-12-31T12:00:00Z"), "Pacific/Kiritimati")).toBe(366);
  });
});

describe("daysPastDue on bad input", () => {
  it("throws rather than aging an unreadable date or zone as 90+", () => {
    expect(() => daysPastDue("2026-02-30", new Date(), "UTC")).toThrow(RangeError);
    expect(() => daysPastDue("2026-02-03", new Date(), "Mars/Olympus")).toThrow(RangeError);
  });
});
