import fc from "fast-check";
import { Decimal } from "@intersettle/shared";
import { AGING_BUCKETS, agingBucket, agingReport, type OpenInvoice, InvoiceSide } from "../src/domain";

const d = (v: string | number) => new Decimal(v);
type AgingInput = Pick<OpenInvoice, "side" | "currency" | "dueDate" | "openAmount">;
const DAY = 86_400_000;
const dateBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);

describe("agingBucket", () => {
  it("cuts exactly at 0/1, 30/31, 60/61 and 90/91 days past due", () => {
    expect([-10, 0, 1, 30, 31, 60, 61, 90, 91, 400].map(agingBucket)).toEqual([
      "CURRENT",
      "CURRENT",
      "DAYS_1_30",
      "DAYS_1_30",
      "DAYS_31_60",
      "DAYS_31_60",
      "DAYS_61_90",
      "DAYS_61_90",
      "DAYS_OVER_90",
      "DAYS_OVER_90",
    ]);
  });
});

describe("agingReport", () => {
  // 2026-12-31T20:00Z is already 1 January 2027 in Sydney.
  const asOf = new Date("2026-12-31T20:00:00Z");
  const invoice = (dueDate: string, open: string, extra: Partial<AgingInput> = {}): AgingInput => ({ side: InvoiceSide.RECEIVABLE, currency: "AUD", dueDate, openAmount: d(open), ...extra });

  it("buckets by days past due in the partner's timezone, a row per side and currency", () => {
    const rows = agingReport(
      [
        invoice("2027-01-01", "10.00"), // due today in Sydney: current
        invoice("2026-12-31", "1.00"), // 1 day
        invoice("2026-12-02", "2.00"), // 30 days
        invoice("2026-12-01", "3.00"), // 31 days
        invoice("2026-10-03", "4.00"), // 90 days
        invoice("2026-10-02", "5.00"), // 91 days
        invoice("2026-10-02", "0.00"), // paid: not aged
        invoice("2026-12-31", "7.00", { side: InvoiceSide.PAYABLE }),
        invoice("2026-12-31", "700", { currency: "JPY" }),
      ],
      asOf,
      "Australia/Sydney",
    );
    expect(rows.map((r) => [r.side, r.currency, ...AGING_BUCKETS.map((b) => r.buckets[b].toFixed()), r.total.toFixed()])).toEqual([
      ["PAYABLE", "AUD", "0", "7", "0", "0", "0", "7"],
      ["RECEIVABLE", "AUD", "10", "3", "3", "4", "5", "25"],
      ["RECEIVABLE", "JPY", "0", "700", "0", "0", "0", "700"],
    ]);
    // The same instant in UTC is still 31 December: the invoice due on 1 January is not yet due, one due 2 December is 29 days late.
    const utc = agingReport([invoice("2026-12-02", "2.00"), invoice("2026-12-01", "3.00")], asOf, "UTC");
    expect(utc[0].buckets.DAYS_1_30.toFixed(2)).toBe("5.00");
  });

  it("puts every open amount in exactly the bucket of its days past due, buckets summing to the total (property)", () => {
    const asOfDate = "2026-06-15";
    const item = fc.record({
      late: fc.integer({ min: -40, max: 200 }),
      units: fc.integer({ min: 0, max: 1_000_000 }),
      side: fc.constantFrom(InvoiceSide.RECEIVABLE, InvoiceSide.PAYABLE),
      currency: fc.constantFrom(["USD", 2] as const, ["JPY", 0] as const, ["KWD", 3] as const),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), (items) => {
        const invoices = items.map((i) => invoice(dateBefore(asOfDate, i.late), d(i.units).dividedBy(10 ** i.currency[1]).toFixed(), { side: i.side, currency: i.currency[0] }));
        const rows = agingReport(invoices, new Date(`${asOfDate}T12:00:00Z`), "UTC");
        for (const row of rows) {
          const sum = AGING_BUCKETS.reduce((s, b) => s.plus(row.buckets[b]), d(0));
          const mine = items.filter((i) => i.side === row.side && i.currency[0] === row.currency);
          const open = mine.reduce((s, i) => s.plus(d(i.units).dividedBy(10 ** i.currency[1])), d(0));
          expect(sum.eq(row.total)).toBe(true);
          expect(row.total.eq(open)).toBe(true);
          for (const bucket of AGING_BUCKETS) {
            const bounds = { CURRENT: [-Infinity, 0], DAYS_1_30: [1, 30], DAYS_31_60: [31, 60], DAYS_61_90: [61, 90], DAYS_OVER_90: [91, Infinity] }[bucket];
            const expected = mine.filter((i) => i.late >= bounds[0] && i.late <= bounds[1]).reduce((s, i) => s.plus(d(i.units).dividedBy(10 ** i.currency[1])), d(0));
            expect(row.buckets[bucket].eq(expected)).toBe(true);
          }
        }
        // No side or currency with something open is missing, and none is mixed into another.
        const keys = new Set(items.filter((i) => i.units > 0).map((i) => `${i.side}/${i.currency[0]}`));
        expect(rows.map((r) => `${r.side}/${r.currency}`).sort()).toEqual([...keys].sort());
      }),
      { numRuns: 300 },
    );
  });
});
