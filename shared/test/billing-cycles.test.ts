import fc from "fast-check";
import { closedPeriodsToBill, type BillingCycle } from "../src/time";

const at = (iso: string) => new Date(iso);

describe("closedPeriodsToBill", () => {
  it("closes a monthly cycle at the partner's local midnight, not UTC's", () => {
    const state = { cycle: "MONTHLY" as const, timezone: "Asia/Kolkata", billingStart: at("2026-10-01T00:00:00+05:30") };
    // 2026-10-31T18:29:59Z is 23:59:59 on 31 October in Kolkata: October is still open.
    expect(closedPeriodsToBill(state, at("2026-10-31T18:29:59Z"))).toEqual([]);
    const [october] = closedPeriodsToBill(state, at("2026-10-31T18:30:00Z"));
    expect(october).toEqual({ start: at("2026-09-30T18:30:00Z"), end: at("2026-10-31T18:30:00Z"), firstDate: "2026-10-01", lastDate: "2026-10-31" });
  });

  it("keeps the 25-hour day of a DST change inside a daily cycle", () => {
    const state = { cycle: "DAILY" as const, timezone: "Europe/London", billingStart: at("2026-10-25T00:00:00+01:00") };
    const [day] = closedPeriodsToBill(state, at("2026-10-26T00:00:00Z"));
    expect(day.end.getTime() - day.start.getTime()).toBe(25 * 3_600_000);
    expect(day.firstDate).toBe("2026-10-25");
  });

  it("cuts a semi-monthly cycle on the 16th", () => {
    const state = { cycle: "SEMI_MONTHLY" as const, timezone: "America/New_York", billingStart: at("2026-11-01T05:00:00Z") };
    const periods = closedPeriodsToBill(state, at("2026-12-02T12:00:00Z"));
    expect(periods.map((p) => [p.firstDate, p.lastDate])).toEqual([["2026-11-01", "2026-11-15"], ["2026-11-16", "2026-11-30"]]);
  });

  it("bills every missed period once, in order, and nothing already billed (property)", () => {
    const cycles: BillingCycle[] = ["DAILY", "WEEKLY", "SEMI_MONTHLY", "MONTHLY"];
    const zones = ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham"];
    const base = Date.UTC(2026, 0, 1);
    fc.assert(
      fc.property(fc.constantFrom(...cycles), fc.constantFrom(...zones), fc.integer({ min: 0, max: 200 * 86_400 }), fc.array(fc.integer({ min: 0, max: 40 * 86_400 }), { minLength: 1, maxLength: 6 }), (cycle, timezone, startOffset, gaps) => {
        let state = { cycle, timezone, billingStart: new Date(base + startOffset * 1000), billedThrough: undefined as Date | undefined };
        let now = state.billingStart.getTime();
        const billed: Array<[number, number]> = [];
        for (const gap of gaps) {
          now += gap * 1000;
          const periods = closedPeriodsToBill(state, new Date(now));
          for (const p of periods) {
            expect(p.end.getTime()).toBeLessThanOrEqual(now);
            if (billed.length) expect(p.start.getTime()).toBe(billed[billed.length - 1][1]);
            billed.push([p.start.getTime(), p.end.getTime()]);
          }
          if (periods.length) state = { ...state, billedThrough: periods[periods.length - 1].end };
          // Billing again at the same instant finds nothing left.
          expect(closedPeriodsToBill(state, new Date(now))).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
