import type { RoutingPlan } from "../../src/domain";
import { ask, d, Hub, order, rate, reasons } from "./hub";

const sell = [rate("44", "0.20")];
/** v1 cheapest … v4 dearest, all for 44. */
function hub(): Hub {
  const h = new Hub().customer("c", sell);
  ["0.01", "0.02", "0.03", "0.04"].forEach((price, i) => h.vendor(`v${i + 1}`, [rate("44", price)]));
  return h;
}
const override = (prefix: string, vendorId: string, action: "FORCE" | "PREFER" | "BLOCK") => ({ prefix, vendorId, action });

describe("routing plan overrides", () => {
  it("BLOCK drops the vendor for numbers under the prefix only", () => {
    const index = hub().plan("c", { overrides: [override("4420", "v1", "BLOCK")] }).index();
    const answer = index.routes(ask("c", "442071234567"));
    expect(order(answer)).toEqual(["v2@0.02", "v3@0.03", "v4@0.04"]);
    expect(answer.dropped).toEqual([{ vendorId: "v1", reason: "BLOCKED_BY_OVERRIDE", detail: "routing plan blocks this vendor for prefix 4420" }]);
    expect(order(index.routes(ask("c", "447700900123")))[0]).toBe("v1@0.01");
  });

  it("PREFER moves the vendor ahead of cheaper ones, each group keeping the strategy's order", () => {
    const answer = hub().plan("c", { overrides: [override("44", "v4", "PREFER"), override("44", "v3", "PREFER")] }).index().routes(ask("c", "4477"));
    expect(order(answer)).toEqual(["v3@0.03", "v4@0.04", "v1@0.01", "v2@0.02"]);
    expect(answer.routes.map((r) => r.override)).toEqual(["PREFER", "PREFER", null, null]);
  });

  it("PREFER never routes at a loss or to a blocked vendor", () => {
    const h = hub().vendor("dear", [rate("44", "0.25")]).vendor("shut", [rate("44", "0.01")], { partner: { status: "BLOCKED" } });
    const answer = h.plan("c", { overrides: [override("44", "dear", "PREFER"), override("44", "shut", "PREFER")] }).index().routes(ask("c", "4477"));
    expect(order(answer)).toEqual(["v1@0.01", "v2@0.02", "v3@0.03", "v4@0.04"]);
    expect(reasons(answer)).toEqual({ dear: "MARGIN_BELOW_MINIMUM", shut: "VENDOR_BLOCKED" });
  });

  it("FORCE keeps only the forced vendors, still subject to margin and status", () => {
    const h = hub().vendor("dear", [rate("44", "0.25")]);
    const answer = h.plan("c", { overrides: [override("44", "v3", "FORCE"), override("44", "v2", "FORCE"), override("44", "dear", "FORCE")] }).index().routes(ask("c", "4477"));
    expect(order(answer)).toEqual(["v2@0.02", "v3@0.03"]);
    expect(answer.routes.map((r) => r.override)).toEqual(["FORCE", "FORCE"]);
    expect(answer.dropped).toEqual([
      { vendorId: "dear", reason: "MARGIN_BELOW_MINIMUM", detail: "cost 0.25 USD exceeds sell 0.2 USD less minimum margin 0 (at most 0.2)" },
      { vendorId: "v1", reason: "NOT_FORCED", detail: "routing plan forces other vendors for prefix 44" },
      { vendorId: "v4", reason: "NOT_FORCED", detail: "routing plan forces other vendors for prefix 44" },
    ]);
  });

  it("takes the longest override prefix per vendor: a longer BLOCK beats a shorter FORCE", () => {
    const plan = { overrides: [override("44", "v3", "FORCE"), override("4420", "v3", "BLOCK"), override("442", "v4", "PREFER")] };
    const index = hub().plan("c", plan).index();
    expect(order(index.routes(ask("c", "447700")))).toEqual(["v3@0.03"]);
    const london = index.routes(ask("c", "442071"));
    // v3's FORCE is overruled for 4420 numbers: nothing is forced any more, and v4's PREFER applies.
    expect(order(london)).toEqual(["v4@0.04", "v1@0.01", "v2@0.02"]);
    expect(reasons(london)).toEqual({ v3: "BLOCKED_BY_OVERRIDE" });
  });
});

describe("routing strategies", () => {
  const withPlan = (plan: Partial<RoutingPlan>) => hub().plan("c", plan).index().routes(ask("c", "4477"));

  it("PRIORITY orders by priority, then cost", () => {
    const answer = withPlan({ strategy: "PRIORITY", vendors: [{ vendorId: "v4", priority: 1, weight: 1 }, { vendorId: "v2", priority: 2, weight: 1 }, { vendorId: "v3", priority: 2, weight: 1 }] });
    expect(order(answer)).toEqual(["v4@0.04", "v2@0.02", "v3@0.03", "v1@0.01"]);
  });

  it("QUALITY orders judged routes by ASR × ACD above the floor, then unjudged ones by cost", () => {
    const h = hub()
      .quality("v4", "Dest 44", { calls: 100, answered: 60, seconds: 60 * 180 }) // score 60 × 180 = 10800
      .quality("v3", "Dest 44", { calls: 100, answered: 50, seconds: 50 * 120 }) // 6000
      .quality("v2", "Dest 44", { calls: 100, answered: 30, seconds: 30 * 100 }) // 3000, under the 40% floor
      .quality("v1", "Dest 44", { calls: 5, answered: 5, seconds: 5 * 600 }); // too few calls to judge
    const answer = h.plan("c", { strategy: "QUALITY", qualityFloor: { minAsr: d(40), minAcd: null, minCalls: 10, windowMinutes: 60 } }).index().routes(ask("c", "4477"));
    expect(order(answer)).toEqual(["v4@0.04", "v3@0.03", "v1@0.01"]);
    expect(answer.routes.map((r) => r.quality?.score?.toFixed())).toEqual(["10800", "6000", "60000"]);
    expect(reasons(answer)).toEqual({ v2: "QUALITY_BELOW_FLOOR" });
  });

  it("QUALITY settles equal scores by cost, and measures quality even with no floor", () => {
    const h = hub().quality("v4", "Dest 44", { calls: 10, answered: 5, seconds: 500 }).quality("v2", "Dest 44", { calls: 20, answered: 10, seconds: 1000 });
    const answer = h.plan("c", { strategy: "QUALITY" }).index({ qualityWindowMinutes: 15 }).routes(ask("c", "4477"));
    expect(order(answer)).toEqual(["v2@0.02", "v4@0.04", "v1@0.01", "v3@0.03"]);
    expect(h.asked[0].to.getTime() - h.asked[0].from.getTime()).toBe(15 * 60_000);
  });

  it("WEIGHTED shares calls by weight among equal-cost routes, each group summing to exactly 100", () => {
    const h = new Hub().customer("c", sell);
    for (const v of ["a", "b", "c2", "x", "y"]) h.vendor(v, [rate("44", ["a", "b", "c2"].includes(v) ? "0.05" : "0.07")]);
    const vendors = [{ vendorId: "a", priority: 1, weight: 1 }, { vendorId: "b", priority: 1, weight: 1 }, { vendorId: "c2", priority: 1, weight: 1 }, { vendorId: "x", priority: 1, weight: 3 }, { vendorId: "y", priority: 1, weight: 1 }];
    const answer = h.plan("c", { strategy: "WEIGHTED", vendors }).index().routes(ask("c", "4477"));
    expect(answer.routes.map((r) => `${r.vendorId}:${r.share?.toFixed(2)}`)).toEqual(["a:33.34", "b:33.33", "c2:33.33", "x:75.00", "y:25.00"]);
  });

  it("WEIGHTED shares among the routes kept after the cap, and equally when every weight is 0", () => {
    const h = new Hub().customer("c", sell);
    for (const v of ["a", "b", "c2"]) h.vendor(v, [rate("44", "0.05")]);
    const answer = h.plan("c", { strategy: "WEIGHTED", maxRoutes: 2, vendors: ["a", "b", "c2"].map((vendorId) => ({ vendorId, priority: 1, weight: 0 })) }).index().routes(ask("c", "4477"));
    expect(answer.routes.map((r) => `${r.vendorId}:${r.share?.toFixed(2)}`)).toEqual(["a:50.00", "b:50.00"]);
  });
});

describe("routing plan effective dates", () => {
  it("uses the plan in force at the routed time, the end exclusive, the latest start winning an overlap", () => {
    const h = hub()
      .plan("c", { strategy: "PRIORITY", vendors: [{ vendorId: "v4", priority: 1, weight: 1 }], effectiveTo: new Date("2026-06-01T00:00:00Z") })
      .plan("c", { overrides: [override("44", "v1", "BLOCK")], effectiveFrom: new Date("2026-05-01T00:00:00Z"), effectiveTo: new Date("2026-05-10T00:00:00Z") });
    const index = h.index();
    const at = (iso: string) => order(index.routes(ask("c", "4477", { at: new Date(iso) })))[0];
    expect(at("2026-04-30T23:59:59Z")).toBe("v4@0.04");
    expect(at("2026-05-01T00:00:00Z")).toBe("v2@0.02");
    expect(at("2026-05-10T00:00:00Z")).toBe("v4@0.04");
    expect(at("2026-06-01T00:00:00Z")).toBe("v1@0.01");
  });
});
