import fc from "fast-check";
import { Decimal } from "@intersettle/shared";
import type { LegCharge } from "../src/domain/mediation/rate-cdr";
import { TrafficTally } from "../src/domain/mediation/traffic-tally";
import { RatedService } from "@intersettle/shared";

const charge = (partnerId: string, amount: string, currency: string, rate = "0.01", exact?: string, service = RatedService.VOICE): LegCharge => {
  const charged = new Decimal(amount);
  return { partnerId, cardId: `card-${partnerId}-${service}`, version: 1, prefix: "44", destination: "UK", service, rate: new Decimal(rate), amount: charged, exactAmount: exact ? new Decimal(exact) : charged, currency };
};
// c1's first two charges share a rate (one usage line), its third is another rate and rounded per call; its SMS charge
// has the first two's prefix, version and rate, but is another service (another usage line).
const CUSTOMERS = [
  charge("c1", "0.0123", "USD"), charge("c1", "0.05", "USD"), charge("c1", "0.02", "USD", "0.02", "0.01994"), charge("c1", "0.03", "USD", "0.01", undefined, RatedService.SMS),
  charge("c2", "1.5", "EUR"),
];
const VENDORS = [charge("v1", "0.011", "USD"), charge("v2", "0.0099", "USD"), null];

describe("TrafficTally", () => {
  it("totals equal the sums of the calls taken one by one, whatever they are", () => {
    const call = fc.record({
      offsetMs: fc.integer({ min: 0, max: 3 * 3_600_000 }),
      destination: fc.constantFrom("UK", "India"),
      billable: fc.boolean(),
      duration: fc.integer({ min: 0, max: 3600 }),
      units: fc.integer({ min: 0, max: 5000 }),
      customer: fc.constantFrom(...CUSTOMERS, null),
      vendor: fc.constantFrom(...VENDORS),
    });
    fc.assert(
      fc.property(fc.array(call, { maxLength: 200 }), (calls) => {
        const tally = new TrafficTally();
        const base = (leg: LegCharge | null) => (leg ? (leg.currency === "USD" ? leg.amount : leg.amount.times("1.08")) : null);
        const start = Date.UTC(2026, 10, 20);
        for (const c of calls) tally.add(start + c.offsetMs, c.destination, c.billable, c.duration, c.units, c.customer, c.vendor, base(c.customer), base(c.vendor));
        const { hourly, usage, partners, money } = tally.totals();

        const expected = new Map<string, { attempts: number; answered: number; seconds: number; amount: Decimal; revenueBase: Decimal; costBase: Decimal; firstMs: number; lastMs: number }>();
        for (const c of calls)
          for (const [role, leg] of [["CUSTOMER", c.customer], ["VENDOR", c.vendor]] as const) {
            if (!leg) continue;
            const key = `${leg.partnerId}|${role}|${c.destination}|${start + c.offsetMs - ((start + c.offsetMs) % 3_600_000)}|${leg.currency}`;
            const e = expected.get(key) ?? { attempts: 0, answered: 0, seconds: 0, amount: new Decimal(0), revenueBase: new Decimal(0), costBase: new Decimal(0), firstMs: Infinity, lastMs: -Infinity };
            e.attempts++;
            e.firstMs = Math.min(e.firstMs, start + c.offsetMs);
            e.lastMs = Math.max(e.lastMs, start + c.offsetMs);
            if (c.billable) (e.answered++, (e.seconds += c.duration));
            e.amount = e.amount.plus(leg.amount);
            e.revenueBase = e.revenueBase.plus(base(c.customer) ?? 0);
            e.costBase = e.costBase.plus(base(c.vendor) ?? 0);
            expected.set(key, e);
          }
        const got = new Map(hourly.map((h) => [`${h.partnerId}|${h.role}|${h.destination}|${h.hourMs}|${h.currency}`, h]));
        expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
        for (const [key, e] of expected) {
          const h = got.get(key)!;
          expect([h.attempts, h.answered, h.seconds, h.firstMs, h.lastMs]).toEqual([e.attempts, e.answered, e.seconds, e.firstMs, e.lastMs]);
          expect([h.amount.toFixed(), h.revenueBase.toFixed(), h.costBase.toFixed()]).toEqual([e.amount.toFixed(), e.revenueBase.toFixed(), e.costBase.toFixed()]);
        }
        const expectedUsage = new Map<string, { calls: number; seconds: number; units: number; amount: Decimal; exact: Decimal }>();
        for (const c of calls.filter((x) => x.billable))
          for (const [role, leg] of [["CUSTOMER", c.customer], ["VENDOR", c.vendor]] as const) {
            if (!leg) continue;
            const key = `${leg.partnerId}|${role}|${c.destination}|${start + c.offsetMs - ((start + c.offsetMs) % 3_600_000)}|${leg.prefix}|${leg.version}|${leg.rate.toFixed()}|${leg.currency}|${leg.service}`;
            const e = expectedUsage.get(key) ?? { calls: 0, seconds: 0, units: 0, amount: new Decimal(0), exact: new Decimal(0) };
            e.calls++;
            e.seconds += c.duration;
            e.units += c.units;
            e.amount = e.amount.plus(leg.amount);
            e.exact = e.exact.plus(leg.exactAmount);
            expectedUsage.set(key, e);
          }
        const gotUsage = new Map(usage.map((u) => [`${u.partnerId}|${u.role}|${u.destination}|${u.hourMs}|${u.prefix}|${u.version}|${u.rate.toFixed()}|${u.currency}|${u.service}`, u]));
        expect([...gotUsage.keys()].sort()).toEqual([...expectedUsage.keys()].sort());
        for (const [key, e] of expectedUsage) {
          const u = gotUsage.get(key)!;
          expect([u.calls, u.seconds, u.units, u.amount.toFixed(), u.exactAmount.toFixed()]).toEqual([e.calls, e.seconds, e.units, e.amount.toFixed(), e.exact.toFixed()]);
        }
        const revenue = calls.filter((c) => c.customer?.currency === "USD").reduce((sum, c) => sum.plus(c.customer!.amount), new Decimal(0));
        expect(money.find((m) => m.side === "REVENUE" && m.currency === "USD")?.amount.toFixed() ?? "0").toBe(revenue.toFixed());
        const c1 = partners.find((p) => p.role === "CUSTOMER" && p.partnerId === "c1");
        const c1Calls = calls.filter((c) => c.customer?.partnerId === "c1");
        expect(c1?.calls ?? 0).toBe(c1Calls.length);
        expect(c1?.seconds ?? 0).toBe(c1Calls.reduce((s, c) => s + c.duration, 0));
      }),
    );
  });
});
