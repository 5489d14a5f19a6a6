import fc from "fast-check";
import { Decimal } from "@intersettle/shared";
import type { LegCharge } from "../src/domain/mediation/rate-cdr";
import { TrafficTally, totalsAsText } from "../src/domain/mediation/traffic-tally";
import { RatedService } from "@intersettle/shared";
import { FxHistory } from "@intersettle/shared";
import { trafficBatchPayloads, type TrafficBatchContext } from "../src/domain/traffic/traffic-batch";
import { trafficUpdateView } from "../src/domain/traffic/traffic-update";

const charge = (partnerId: string, amount: string, currency: string): LegCharge => ({
  partnerId, cardId: `card-${partnerId}-${currency}`, version: 1, prefix: "44", destination: "UK", service: RatedService.VOICE, rate: new Decimal("0.01"), amount: new Decimal(amount), exactAmount: new Decimal(amount), currency,
});
const START = Date.UTC(2026, 10, 20);
const fx = new FxHistory([{ base: "USD", quote: "EUR", rate: "0.9", effectiveDate: "2026-01-01" }]);

function context(overrides: Partial<TrafficBatchContext> = {}): TrafficBatchContext {
  const currencies: Record<string, string> = { c1: "USD", c2: "EUR", v1: "USD" };
  return { jobId: "job-1", kind: "INGEST", baseCurrency: "USD", blocked: new Set(), partnerCurrency: (id) => currencies[id], fxAt: (ms) => fx.on(Math.floor(ms / 86_400_000)), ...overrides };
}

describe("traffic.batch payloads", () => {
  it("give one payload per partner leg whose figures are the sums of its calls, amounts in the partner's currency", () => {
    const customers = [charge("c1", "0.0123", "USD"), charge("c1", "0.05", "USD"), charge("c2", "1.5", "USD"), null];
    const vendors = [charge("v1", "0.011", "USD"), null];
    const call = fc.record({
      offsetMs: fc.integer({ min: 0, max: 5 * 3_600_000 }),
      destination: fc.constantFrom("UK", "India", "France"),
      billable: fc.boolean(),
      duration: fc.integer({ min: 0, max: 3600 }),
      customer: fc.constantFrom(...customers),
      vendor: fc.constantFrom(...vendors),
    });
    fc.assert(
      fc.property(fc.array(call, { maxLength: 150 }), (calls) => {
        const tally = new TrafficTally();
        for (const c of calls) tally.add(START + c.offsetMs, c.destination, c.billable, c.duration, c.duration, c.customer, c.vendor, c.customer?.amount ?? null, c.vendor?.amount ?? null);
        const payloads = trafficBatchPayloads(totalsAsText(tally.totals()).legs, context({ blocked: new Set(["c2"]) }));
        const legs = new Set(calls.flatMap((c) => [c.customer && `CUSTOMER|${c.customer.partnerId}`, c.vendor && `VENDOR|${c.vendor.partnerId}`].filter(Boolean)));
        expect(payloads.map((p) => `${p.role}|${p.partnerId}`).sort()).toEqual([...legs].sort());
        for (const p of payloads) {
          const mine = calls.filter((c) => (p.role === "CUSTOMER" ? c.customer : c.vendor)?.partnerId === p.partnerId);
          const leg = (c: (typeof calls)[number]) => (p.role === "CUSTOMER" ? c.customer : c.vendor)!;
          const rate = p.partnerId === "c2" ? "0.9" : "1";
          expect(p.currency).toBe(p.partnerId === "c2" ? "EUR" : "USD");
          expect([p.calls, p.answered, p.seconds]).toEqual([mine.length, mine.filter((c) => c.billable).length, mine.filter((c) => c.billable).reduce((s, c) => s + c.duration, 0)]);
          expect(new Decimal(p.amount).eq(mine.reduce((s, c) => s.plus(leg(c).amount.times(rate)), new Decimal(0)))).toBe(true);
          expect(p.from).toBe(new Date(START + Math.min(...mine.map((c) => c.offsetMs))).toISOString());
          expect(p.to).toBe(new Date(START + Math.max(...mine.map((c) => c.offsetMs))).toISOString());
          expect(p.blocked).toBe(p.partnerId === "c2");
          // The destinations add up to the totals, and so do the figures a subscriber reads.
          expect(p.destinations.reduce((s, d) => s + d.calls, 0)).toBe(p.calls);
          expect(p.destinations.reduce((s, d) => s.plus(d.amount), new Decimal(0)).eq(p.amount)).toBe(true);
          const view = trafficUpdateView(p);
          expect(view.calls).toBe(p.calls);
          expect(view.amount.eq(p.amount)).toBe(true);
          const sum = (pick: (d: (typeof p.destinations)[number]) => string) => p.destinations.reduce((s, d) => s.plus(pick(d)), new Decimal(0));
          expect(view.margin.eq(sum((d) => d.revenueBase).minus(sum((d) => d.costBase)))).toBe(true);
          expect(sum((d) => d.revenueBase).eq(mine.reduce((s, c) => s.plus(c.customer?.amount ?? 0), new Decimal(0)))).toBe(true);
        }
      }),
    );
  });

  it("keeps a leg some of whose card currencies no rate converts apart per currency, marked unconverted", () => {
    const tally = new TrafficTally();
    tally.add(START, "UK", true, 60, 60, charge("c1", "1", "USD"), null, new Decimal(1), null);
    tally.add(START + 1000, "UK", true, 30, 30, charge("c1", "2", "JPY"), null, null, null);
    const payloads = trafficBatchPayloads(totalsAsText(tally.totals()).legs, context());
    expect(payloads.map((p) => [p.currency, p.amount, p.unconverted ?? false, p.convertedFrom ?? null])).toEqual([
      ["JPY", "2", true, "JPY"],
      ["USD", "1", false, null],
    ]);
  });

  it("carries a customer's signals on its CUSTOMER payload only", () => {
    const tally = new TrafficTally();
    tally.add(START, "UK", true, 5, 5, charge("c1", "1", "USD"), charge("v1", "0.5", "USD"), new Decimal(1), new Decimal("0.5"));
    const signal = { subject: "4477009", name: "", windowStartMs: START, windowMs: 3_600_000, calls: 1, seconds: 5, samples: [] };
    const payloads = trafficBatchPayloads(totalsAsText(tally.totals()).legs, context({ signals: [{ partnerId: "c1", irsf: [], shortCalls: [signal] }] }));
    expect(payloads.find((p) => p.role === "CUSTOMER")!.signals).toEqual({ irsf: [], shortCalls: [signal] });
    expect(payloads.find((p) => p.role === "VENDOR")!.signals).toBeUndefined();
  });

  it("shows one destination's figures as the totals when a subscriber asks for it", () => {
    const tally = new TrafficTally();
    tally.add(START, "UK", true, 60, 60, charge("c1", "1", "USD"), null, new Decimal(1), null);
    tally.add(START, "India", false, 0, 0, charge("c1", "0", "USD"), null, new Decimal(0), null);
    const [payload] = trafficBatchPayloads(totalsAsText(tally.totals()).legs, context());
    const view = trafficUpdateView(payload, "India");
    expect([view.calls, view.answered, view.minutes, view.asr, view.acd, view.destinations.map((d) => d.destination)]).toEqual([1, 0, 0, 0, null, ["India"]]);
  });
});
