import { Decimal } from "@intersettle/shared";
import { DisputeStatus, disputeAgeBucket, disputeAgeing, disputeSummary, reminderDue, type ReportedDispute } from "../../src/domain";

const settings = { intervalDays: 7, timezone: "Asia/Tokyo" };
const submittedAt = new Date("2026-11-01T00:00:00Z");

describe("dispute reminders", () => {
  it("reminds every interval after sending or the last reminder, not before", () => {
    const dispute = { submittedAt, dueDate: "2026-12-01", lastRemindedAt: null };
    expect(reminderDue(dispute, new Date("2026-11-07T23:59:59Z"), settings)).toBe(false);
    expect(reminderDue(dispute, new Date("2026-11-08T00:00:00Z"), settings)).toBe(true);
    expect(reminderDue({ ...dispute, lastRemindedAt: new Date("2026-11-08T00:00:00Z") }, new Date("2026-11-14T00:00:00Z"), settings)).toBe(false);
  });

  it("reminds once as soon as the due date has passed in the partner's timezone, whatever the interval", () => {
    const dispute = { submittedAt, dueDate: "2026-12-01", lastRemindedAt: new Date("2026-11-29T00:00:00Z") };
    // 1 December 23:00 UTC is already 2 December in Tokyo.
    expect(reminderDue(dispute, new Date("2026-12-01T14:59:59Z"), settings)).toBe(false);
    expect(reminderDue(dispute, new Date("2026-12-01T15:00:00Z"), settings)).toBe(true);
    // Reminded after the due date: the interval governs again.
    expect(reminderDue({ ...dispute, lastRemindedAt: new Date("2026-12-01T15:00:00Z") }, new Date("2026-12-03T00:00:00Z"), settings)).toBe(false);
  });
});

const dispute = (fields: Partial<ReportedDispute>): ReportedDispute => ({ partnerId: "p1", currency: "USD", status: DisputeStatus.SUBMITTED, openedAt: new Date("2026-11-01T00:00:00Z"), ourAmount: new Decimal(100), theirAmount: new Decimal(80), settled: null, ...fields });

describe("dispute reports", () => {
  it("buckets by whole days since opened, 30, 60 and 90 days in the lower bucket", () => {
    const opened = new Date("2026-01-01T00:00:00Z");
    const at = (days: number, extraMs = 0) => new Date(opened.getTime() + days * 86_400_000 + extraMs);
    expect([0, 30, 31, 60, 61, 90, 91].map((n) => disputeAgeBucket(opened, at(n)))).toEqual(["DAYS_0_30", "DAYS_0_30", "DAYS_31_60", "DAYS_31_60", "DAYS_61_90", "DAYS_61_90", "DAYS_OVER_90"]);
    expect(disputeAgeBucket(opened, at(31, -1))).toBe("DAYS_0_30");
  });

  it("sums disputed, recovered and written-off amounts per partner and currency, and ages only unresolved disputes", () => {
    const rows = [
      dispute({}),
      dispute({ status: DisputeStatus.CLOSED, settled: new Decimal(90) }),
      dispute({ status: DisputeStatus.RESOLVED, settled: new Decimal(100) }),
      dispute({ currency: "EUR", openedAt: new Date("2026-08-01T00:00:00Z"), ourAmount: new Decimal(5), theirAmount: new Decimal(7) }),
    ];
    expect(disputeSummary(rows).map((r) => [r.currency, r.disputes, r.unresolved, r.disputed.toFixed(), r.recovered.toFixed(), r.writtenOff.toFixed()])).toEqual([
      ["EUR", 1, 1, "2", "0", "0"],
      ["USD", 3, 1, "60", "30", "10"],
    ]);
    const ageing = disputeAgeing(rows, new Date("2026-11-20T00:00:00Z"));
    expect(ageing.map((r) => [r.currency, r.counts, r.total.toFixed()])).toEqual([
      ["EUR", { DAYS_0_30: 0, DAYS_31_60: 0, DAYS_61_90: 0, DAYS_OVER_90: 1 }, "2"],
      ["USD", { DAYS_0_30: 1, DAYS_31_60: 0, DAYS_61_90: 0, DAYS_OVER_90: 0 }, "20"],
    ]);
  });
});

describe("dispute reminders over time", () => {
  it("never reminds twice within the interval, except once on passing the due date", async () => {
    const fc = (await import("fast-check")).default;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 60 }), fc.array(fc.integer({ min: 1, max: 72 }), { minLength: 1, maxLength: 80 }), (intervalDays, windowDays, steps) => {
        const submitted = new Date("2026-11-01T09:00:00Z");
        const dueDate = new Date(submitted.getTime() + windowDays * 86_400_000).toISOString().slice(0, 10);
        const sent: Date[] = [];
        let now = submitted;
        for (const hours of steps) {
          now = new Date(now.getTime() + hours * 3_600_000);
          if (reminderDue({ submittedAt: submitted, dueDate, lastRemindedAt: sent.at(-1) ?? null }, now, { intervalDays, timezone: "UTC" })) sent.push(now);
        }
        const early = sent.filter((at, i) => at.getTime() - (i === 0 ? submitted : sent[i - 1]).getTime() < intervalDays * 86_400_000);
        // Only the reminder on passing the due date may come early, and only once.
        expect(early.length).toBeLessThanOrEqual(1);
        for (const at of early) expect(at.toISOString().slice(0, 10) > dueDate).toBe(true);
      }),
    );
  });
});
