import fc from "fast-check";
import { buildRatingCard, Decimal, RatedService, RoundingMode, type PricePlanEntry } from "@intersettle/shared";
import { endProblems, periodsOverlap, scopeChange, type PlanPeriod } from "../src/domain/tariffs/price-plan-periods";
import { rateCdr } from "../src/domain/mediation/rate-cdr";
import { planTrunks } from "../src/domain/mediation/trunk-mapping";
import { pricingLookup, type PricedCard } from "../src/services/mediation/partner-pricing";

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);
const period = (id: string, from: number, to: number | null): PlanPeriod => ({ id, effectiveFrom: day(from), effectiveTo: to === null ? null : day(to) });

describe("the periods of one scope's plans", () => {
  it("ends the open plan that began earlier where the new one begins", () => {
    expect(scopeChange([period("old", 0, null)], period("new", 10, null))).toEqual({ end: period("old", 0, null) });
    expect(scopeChange([], period("new", 10, 20))).toEqual({ end: null });
  });

  it("refuses a plan with an end inside the open plan, and any other overlap, naming the plan in the way", () => {
    expect(scopeChange([period("old", 0, null)], period("new", 10, 20))).toEqual({ problem: { field: "effectiveTo", message: expect.stringContaining("plan old, open since") } });
    expect(scopeChange([period("closed", 0, 10)], period("new", 5, null))).toEqual({ problem: { field: "effectiveFrom", message: expect.stringContaining("overlaps plan closed") } });
    expect(scopeChange([period("later", 20, null)], period("new", 10, null))).toEqual({ problem: { field: "effectiveFrom", message: expect.stringContaining("overlaps plan later") } });
    // Touching is not overlapping (ends are exclusive), and a withdrawn plan is in nobody's way.
    expect(scopeChange([period("before", 0, 10), period("withdrawn", 12, 12)], period("new", 10, null))).toEqual({ end: null });
  });

  it("ends a plan no earlier than it began, and moves an end later only up to the next plan", () => {
    const plans = [period("a", 0, 10), period("b", 20, null)];
    expect(endProblems(plans[0], plans, day(-1))).toEqual([{ field: "at", message: expect.stringContaining("must not be before") }]);
    expect(endProblems(plans[0], plans, day(0))).toEqual([]);
    expect(endProblems(plans[0], plans, day(20))).toEqual([]);
    expect(endProblems(plans[0], plans, day(21))).toEqual([{ field: "at", message: expect.stringContaining("overlaps plan b") }]);
  });

  it("never lets two plans of a scope overlap, whatever is set and ended in whatever order", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("set" as const), from: fc.integer({ min: 0, max: 40 }), length: fc.option(fc.integer({ min: 1, max: 20 })) }),
      fc.record({ kind: fc.constant("end" as const), index: fc.nat(), at: fc.integer({ min: 0, max: 60 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        let plans: PlanPeriod[] = [];
        ops.forEach((o, i) => {
          if (o.kind === "set") {
            const proposed = period(`p${i}`, o.from, o.length === null ? null : o.from + o.length);
            const change = scopeChange(plans, proposed);
            if ("problem" in change) return;
            plans = plans.map((p) => (p === change.end ? { ...p, effectiveTo: proposed.effectiveFrom } : p)).concat(proposed);
          } else if (plans.length > 0) {
            const plan = plans[o.index % plans.length];
            if (endProblems(plan, plans, day(o.at)).length > 0) return;
            plans = plans.map((p) => (p === plan ? { ...p, effectiveTo: day(o.at) } : p));
          }
        });
        for (const a of plans) for (const b of plans) if (a !== b) expect(periodsOverlap(a, b)).toBe(false);
      }),
    );
  });
});

describe("pricing by plan", () => {
  const rows = (rate: string) => [{ prefix: "91", destination: "India", rate: new Decimal(rate), nextRate: new Decimal(rate), connectFee: new Decimal(0), initialInterval: 1, nextInterval: 1, gracePeriod: 0, effectiveFrom: day(0), effectiveTo: null, timeBand: null, version: 1 }];
  const priced = (cardId: string, partnerId: string, direction: "SELL" | "BUY", rate: string): PricedCard => ({
    partnerId, direction, service: RatedService.VOICE, records: [],
    pricing: { card: buildRatingCard({ service: RatedService.VOICE, currency: "USD", timezone: "UTC", bands: [] }, rows(rate)), cardId, rounding: { decimals: 4, mode: RoundingMode.HALF_UP, perCdr: true } },
  });
  const plan = (id: string, partnerId: string, direction: "SELL" | "BUY", rateCardId: string, over: Partial<PricePlanEntry> = {}): PricePlanEntry => ({
    id, partnerId, direction, service: RatedService.VOICE, rateCardId, trunkMappingId: null, agreementId: null, effectiveFrom: new Date(0), effectiveTo: null, ...over,
  });
  const lookup = pricingLookup({
    cards: [priced("old", "cust", "SELL", "0.01"), priced("new", "cust", "SELL", "0.02"), priced("vip", "cust", "SELL", "0.03"), priced("deal", "cust", "SELL", "0.04"), priced("buy", "vend", "BUY", "0.005"), priced("vip-buy", "vend", "BUY", "0.004")],
    plans: [
      plan("d1", "cust", "SELL", "old", { effectiveTo: day(90) }),
      plan("d2", "cust", "SELL", "new", { effectiveFrom: day(90) }),
      plan("t", "cust", "SELL", "vip", { trunkMappingId: "m-vip" }),
      plan("a", "cust", "SELL", "deal", { agreementId: "may" }),
      plan("b", "vend", "BUY", "buy"),
      plan("tb", "vend", "BUY", "vip-buy", { trunkMappingId: "m-out-vip" }),
      // A plan whose card a job did not load prices nothing (never a guess).
      plan("lost", "vend", "SELL", "missing"),
    ],
    agreements: [{ id: "may", partnerId: "cust", services: ["VOICE"], validFrom: "2026-05-01", validTo: "2026-05-31", status: "ACTIVE" }],
    timezones: { cust: "Asia/Kolkata" },
  });
  const card = (partnerId: string, direction: "SELL" | "BUY", at: string, mapping: string | null = null) => lookup(partnerId, direction, RatedService.VOICE, Date.parse(at), mapping)?.cardId;

  it("chooses the card of the plan in force at the start, by mapping, agreement (in the partner's timezone) and date", () => {
    expect(card("cust", "SELL", "2026-03-31T23:59:59Z")).toBe("old");
    expect(card("cust", "SELL", "2026-04-01T00:00:00Z")).toBe("new");
    expect(card("cust", "SELL", "2026-04-01T00:00:00Z", "m-vip")).toBe("vip");
    expect(card("cust", "SELL", "2026-04-30T18:29:59Z")).toBe("new"); // 23:59:59 in Kolkata, 30 April
    expect(card("cust", "SELL", "2026-04-30T18:30:00Z")).toBe("deal"); // midnight in Kolkata, 1 May
    expect(card("cust", "SELL", "2026-05-31T18:30:00Z")).toBe("new");
    expect(card("vend", "BUY", "2026-05-01T00:00:00Z")).toBe("buy");
    expect(card("vend", "SELL", "2026-05-01T00:00:00Z")).toBeUndefined();
    expect(card("nobody", "SELL", "2026-05-01T00:00:00Z")).toBeUndefined();
  });

  it("prices each leg with the mapping that identified its partner", () => {
    const trunks = planTrunks([
      { id: "m-in", side: "INGRESS", match: "TRUNK", value: "in", partnerId: "cust" },
      { id: "m-vip", side: "INGRESS", match: "TRUNK", value: "vip", partnerId: "cust" },
      { id: "m-out", side: "EGRESS", match: "TRUNK", value: "out", partnerId: "vend" },
      { id: "m-out-vip", side: "EGRESS", match: "TRUNK", value: "outvip", partnerId: "vend" },
    ]);
    const cdr = { callId: "c1", start: new Date("2026-04-10T10:00:00Z"), durationSeconds: 60, aNumber: "44", bNumber: "919876543210", ingress: "in", egress: "out", account: "", disposition: "ANSWERED", service: RatedService.VOICE, units: 60 };
    const billable = { dispositions: ["ANSWERED"], minBillableSeconds: 1 };
    const legs = (over: Partial<typeof cdr>) => {
      const r = rateCdr({ ...cdr, ...over }, trunks, billable, lookup);
      return [r.customer?.cardId, r.vendor?.cardId];
    };
    expect(legs({})).toEqual(["new", "buy"]);
    expect(legs({ ingress: "vip" })).toEqual(["vip", "buy"]);
    expect(legs({ egress: "outvip" })).toEqual(["new", "vip-buy"]);
    expect(rateCdr({ ...cdr, start: new Date("1969-12-31T00:00:00Z") }, trunks, billable, lookup).unratedReason).toBe("NO_RATE_CARD: no SELL VOICE price plan in force for partner cust");
  });
});
