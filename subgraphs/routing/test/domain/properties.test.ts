import fc from "fast-check";
import { Decimal, FxHistory, RatedService } from "@intersettle/shared";
import { RoutingIndex, type Route, type RouteAnswer, type RoutingPlan, type RoutingSnapshot } from "../../src/domain";
import { d, Hub, rate } from "./hub";

const digit = fc.constantFrom("1", "2", "3");
const prefix = fc.string({ unit: digit, minLength: 1, maxLength: 3 });
/** Few distinct prices, so equal costs (and the tie-breaks after cost) come up often. */
const cents = fc.integer({ min: 1, max: 8 }).map((c) => (c * 0.05).toFixed(2));
const rows = fc.uniqueArray(fc.record({ prefix, price: cents, late: fc.constantFrom(false, false, false, true) }), { selector: (r) => r.prefix, minLength: 1, maxLength: 6 }).map((list) =>
  // Some rows start only in June, so the time asked about matters.
  list.map((r) => rate(r.prefix, r.price, { effectiveFrom: new Date(r.late ? "2026-06-01T00:00:00Z" : "2026-01-01T00:00:00Z") })),
);
const VENDORS = ["va", "vb", "vc", "vd", "ve", "vf"];
/** Vendors cover every number too (one-digit prefixes at random prices), so most lookups have several candidates priced. */
const vendorRows = fc.tuple(rows, fc.array(fc.constantFrom("0.05", "0.10", "0.15"), { minLength: 3, maxLength: 3 })).map(([list, prices]) => [
  ...["1", "2", "3"].filter((p) => !list.some((r) => r.prefix === p)).map((p, i) => rate(p, prices[i])),
  ...list,
]);
const vendor = fc.record({
  rows: vendorRows,
  status: fc.oneof({ arbitrary: fc.constant("ACTIVE"), weight: 6 }, { arbitrary: fc.constantFrom("BLOCKED", "SUSPENDED", "TERMINATED"), weight: 1 }),
  currency: fc.oneof({ arbitrary: fc.constant("USD"), weight: 3 }, { arbitrary: fc.constantFrom("EUR", "GBP"), weight: 1 }),
  agreed: fc.constantFrom(true, true, true, true, true, false),
  quality: fc.record({ calls: fc.integer({ min: 0, max: 50 }), asr: fc.integer({ min: 0, max: 100 }), acd: fc.integer({ min: 1, max: 300 }) }),
});
const override = fc.record({ prefix, vendorId: fc.constantFrom(...VENDORS), action: fc.constantFrom("FORCE" as const, "PREFER" as const, "BLOCK" as const) });
const plan = fc.record({
  strategy: fc.constantFrom("LCR" as const, "QUALITY" as const, "PRIORITY" as const, "WEIGHTED" as const),
  maxRoutes: fc.integer({ min: 1, max: 6 }),
  minMargin: fc.oneof(fc.record({ kind: fc.constant("FIXED" as const), value: fc.integer({ min: 0, max: 5 }).map((c) => d(c).dividedBy(100)) }), fc.record({ kind: fc.constant("PERCENT" as const), value: fc.integer({ min: 0, max: 50 }).map((p) => d(p)) })),
  floor: fc.option(fc.record({ minAsr: fc.option(fc.integer({ min: 0, max: 60 }).map((v) => d(v))), minAcd: fc.option(fc.integer({ min: 0, max: 120 }).map((v) => d(v))), minCalls: fc.integer({ min: 0, max: 20 }), windowMinutes: fc.constant(60) })),
  terms: fc.array(fc.record({ vendorId: fc.constantFrom(...VENDORS), priority: fc.integer({ min: 1, max: 3 }), weight: fc.integer({ min: 0, max: 3 }) }), { maxLength: 6 }),
  overrides: fc.array(override, { maxLength: 3 }),
});
/** The sell card covers every number (one-digit prefixes) at prices most vendors come under, plus random rows. */
const sellRows = rows.map((list) => [...["1", "2", "3"].filter((p) => !list.some((r) => r.prefix === p)).map((p) => rate(p, "0.30")), ...list]);
const world = fc.record({
  sell: sellRows,
  sellCurrency: fc.constantFrom("USD", "EUR"),
  vendors: fc.array(vendor, { minLength: 2, maxLength: VENDORS.length }),
  customerSellsToo: fc.boolean(),
  plan: fc.option(plan),
  number: fc.oneof({ arbitrary: fc.string({ unit: digit, minLength: 1, maxLength: 6 }), weight: 9 }, { arbitrary: fc.string({ unit: fc.constantFrom("1", " ", "+", "x"), maxLength: 4 }), weight: 1 }),
  late: fc.boolean(),
  limit: fc.integer({ min: 1, max: 8 }),
});
type World = typeof world extends fc.Arbitrary<infer W> ? W : never;

function build(w: World): { hub: Hub; snapshot: () => RoutingSnapshot } {
  const hub = new Hub().customer("c", w.sell, { currency: w.sellCurrency }).fx("EUR", "USD", "1.1").fx("USD", "GBP", "0.8");
  w.vendors.forEach((v, i) => {
    const id = VENDORS[i];
    hub.vendor(id, v.rows, { currency: v.currency, partner: { status: v.status as "ACTIVE" } });
    if (!v.agreed) hub.partners.set(id, { ...hub.partners.get(id)!, agreements: [] });
    hub.quality(id, "Dest " + v.rows[0].prefix, { calls: v.quality.calls, answered: Math.floor((v.quality.calls * v.quality.asr) / 100), seconds: Math.floor((v.quality.calls * v.quality.asr) / 100) * v.quality.acd });
  });
  if (w.customerSellsToo) hub.vendor("c", w.vendors[0].rows);
  if (w.plan) hub.plan("c", { strategy: w.plan.strategy, maxRoutes: w.plan.maxRoutes, minMargin: w.plan.minMargin, qualityFloor: w.plan.floor, vendors: w.plan.terms, overrides: w.plan.overrides });
  const snapshot = (): RoutingSnapshot => ({ partners: hub.partners, cards: hub.cards, pricePlans: hub.pricePlans, plans: hub.plans, fx: new FxHistory(hub.fxRates), hubCurrency: "USD", quality: (v, dest) => hub.samples.get(`${v}|${dest}`) });
  return { hub, snapshot };
}

const request = (w: World) => ({ customerId: "c", number: w.number, at: new Date(w.late ? "2026-07-01T10:00:00Z" : "2026-03-01T10:00:00Z"), limit: w.limit, service: RatedService.VOICE });

/** The strategy's order, written out again from the rules rather than taken from the code under test. */
function inOrder(strategy: RoutingPlan["strategy"], a: Route, b: Route, minCalls: number): boolean {
  const pa = a.override === "PREFER" ? 0 : 1;
  const pb = b.override === "PREFER" ? 0 : 1;
  if (pa !== pb) return pa < pb;
  const keys: Array<(r: Route) => Decimal | number> = {
    LCR: [(r: Route) => r.cost, (r: Route) => r.priority, (r: Route) => -r.weight],
    PRIORITY: [(r: Route) => r.priority, (r: Route) => r.cost, (r: Route) => -r.weight],
    WEIGHTED: [(r: Route) => r.cost, (r: Route) => -r.weight, (r: Route) => r.priority],
    QUALITY: [(r: Route) => (r.quality && r.quality.calls >= Math.max(1, minCalls) ? r.quality.score!.negated() : d(Infinity)), (r: Route) => r.cost, (r: Route) => r.priority, (r: Route) => -r.weight],
  }[strategy];
  for (const key of keys) {
    const c = new Decimal(key(a)).comparedTo(new Decimal(key(b)));
    if (c !== 0) return c < 0;
  }
  return a.vendorId.toUpperCase() <= b.vendorId.toUpperCase();
}

describe("routing properties", () => {
  const check = (property: (w: World, answer: RouteAnswer, hub: Hub) => boolean | void, numRuns = 500) =>
    fc.assert(
      fc.property(world, (w) => {
        const { hub, snapshot } = build(w);
        return property(w, new RoutingIndex(snapshot()).routes(request(w)), hub);
      }),
      { numRuns },
    );

  it("orders routes by the strategy's rules", () => {
    check((w, answer) => {
      const strategy = w.plan?.strategy ?? "LCR";
      const minCalls = w.plan?.floor?.minCalls ?? 1;
      return answer.routes.every((r, i) => i === 0 || inOrder(strategy, answer.routes[i - 1], r, minCalls));
    }, 2000);
  });

  it("never routes to a dropped, blocked or override-blocked vendor, nor above the sell rate less the margin", () => {
    check((w, answer, hub) => {
      const dropped = new Set(answer.dropped.map((x) => x.vendorId));
      const sell = answer.sell?.rate;
      const minimum = !w.plan ? d(0) : w.plan.minMargin.kind === "FIXED" ? w.plan.minMargin.value : sell?.times(w.plan.minMargin.value).dividedBy(100);
      return answer.routes.every(
        (r) => !dropped.has(r.vendorId) && hub.partners.get(r.vendorId)!.status === "ACTIVE" && r.override !== "BLOCK" && r.vendorId !== "c" && r.cost.lte(sell!.minus(minimum!)) && r.margin.equals(sell!.minus(r.cost)),
      );
    });
  });

  it("routes or drops every candidate exactly once, and caps the routes", () => {
    check((w, answer) => {
      if (answer.sell === null) return answer.routes.length === 0 && answer.dropped.length === 0 && answer.unroutable !== null;
      const at = request(w).at.getTime();
      const candidates = w.vendors.map((_, i) => VENDORS[i]).concat(w.customerSellsToo ? ["c"] : []);
      // Every generated plan starts in January: all vendors are candidates at either time asked.
      expect(at).toBeGreaterThan(Date.UTC(2026, 0, 1));
      const seen = [...answer.routes.map((r) => r.vendorId), ...answer.dropped.map((x) => x.vendorId)].sort();
      expect(seen).toEqual([...candidates].sort());
      expect(answer.routes.length).toBeLessThanOrEqual(Math.min(w.limit, w.plan?.maxRoutes ?? Infinity));
      expect(answer.unroutable === null).toBe(answer.routes.length > 0);
    });
  });

  it("gives WEIGHTED shares summing to exactly 100 per equal-cost group, and no shares otherwise", () => {
    check((w, answer) => {
      if (w.plan?.strategy !== "WEIGHTED") return answer.routes.every((r) => r.share === null);
      const groups = new Map<string, Decimal>();
      for (const r of answer.routes) {
        const key = `${r.override === "PREFER"}/${r.cost.toFixed()}`;
        groups.set(key, (groups.get(key) ?? d(0)).plus(r.share!));
      }
      return [...groups.values()].every((sum) => sum.equals(100));
    });
  });

  it("answers the same whatever the order partners, cards and plans were loaded in, and on every asking", () => {
    fc.assert(
      fc.property(world, (w) => {
        const { snapshot } = build(w);
        const s = snapshot();
        const index = new RoutingIndex(s);
        const reversed = new RoutingIndex({ ...s, partners: new Map([...s.partners].reverse()), cards: new Map([...s.cards].reverse()), pricePlans: [...s.pricePlans].reverse() });
        const first = index.routes(request(w));
        expect(index.routes(request(w))).toEqual(first);
        expect(reversed.routes(request(w))).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });
});
