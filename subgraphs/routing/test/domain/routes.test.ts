import { AT, ask, d, Hub, order, rate, reasons } from "./hub";

const sell = [rate("44", "0.20"), rate("4420", "0.10"), rate("33", "0.30")];

describe("routes: prefix, cost and order", () => {
  it("prices each vendor by its own longest prefix before comparing costs", () => {
    // v1 is cheap for 44 but has a dearer 4420 row: 4420… calls cost it 0.05, so v2 at 0.03 wins.
    const index = new Hub().customer("c", sell).vendor("v1", [rate("44", "0.01"), rate("4420", "0.05")]).vendor("v2", [rate("44", "0.03")]).index();
    const answer = index.routes(ask("c", "+44 20 7946 0018"));
    expect(answer.digits).toBe("442079460018");
    expect(order(answer)).toEqual(["v2@0.03", "v1@0.05"]);
    expect(answer.routes[1]).toMatchObject({ prefix: "4420", destination: "Dest 4420", rateCardId: "v1-buy-voice", currency: "USD" });
    expect(order(index.routes(ask("c", "447700900123")))).toEqual(["v1@0.01", "v2@0.03"]);
  });

  it("takes the customer's sell rate by its longest prefix and computes each route's margin", () => {
    const index = new Hub().customer("c", sell).vendor("v1", [rate("44", "0.04")]).index();
    const answer = index.routes(ask("c", "442079460018"));
    expect(answer.sell).toEqual({ rateCardId: "c-sell-voice", prefix: "4420", destination: "Dest 4420", rate: d("0.10"), currency: "USD" });
    expect(answer.routes[0].margin.toFixed()).toBe("0.06");
    expect(answer.unroutable).toBeNull();
    expect(answer.dropped).toEqual([]);
  });

  it("breaks cost ties by priority, then weight, then vendor code", () => {
    const hub = new Hub().customer("c", sell);
    for (const v of ["vd", "vc", "vb", "va", "ve"]) hub.vendor(v, [rate("44", "0.05")]);
    hub.vendor("vz", [rate("44", "0.04")]);
    hub.plan("c", { vendors: [{ vendorId: "vd", priority: 1, weight: 1 }, { vendorId: "vc", priority: 5, weight: 9 }, { vendorId: "vb", priority: 5, weight: 2 }] });
    // va and ve have the defaults (priority 100, weight 1) and fall back on their codes.
    expect(order(hub.index().routes(ask("c", "4477")))).toEqual(["vz@0.04", "vd@0.05", "vc@0.05", "vb@0.05", "va@0.05", "ve@0.05"]);
  });

  it("orders by cost alone with no routing plan, the codes settling ties", () => {
    const index = new Hub().customer("c", sell).vendor("vb", [rate("44", "0.05")]).vendor("va", [rate("44", "0.05")]).vendor("vc", [rate("44", "0.01")]).index();
    const answer = index.routes(ask("c", "4477"));
    expect(order(answer)).toEqual(["vc@0.01", "va@0.05", "vb@0.05"]);
    expect(answer.routes.map((r) => [r.priority, r.weight, r.share, r.quality, r.override])).toEqual([[100, 1, null, null, null], [100, 1, null, null, null], [100, 1, null, null, null]]);
  });

  it("caps the list at the request's limit and the plan's maximum, dropping the rest OVER_LIMIT in order", () => {
    const hub = new Hub().customer("c", sell).vendor("v1", [rate("44", "0.01")]).vendor("v2", [rate("44", "0.02")]).vendor("v3", [rate("44", "0.03")]);
    expect(order(hub.index().routes(ask("c", "4477", { limit: 2 })))).toEqual(["v1@0.01", "v2@0.02"]);
    hub.plan("c", { maxRoutes: 1 });
    const answer = hub.index().routes(ask("c", "4477", { limit: 2 }));
    expect(order(answer)).toEqual(["v1@0.01"]);
    expect(answer.dropped).toEqual([
      { vendorId: "v2", reason: "OVER_LIMIT", detail: "route 2 of 3; at most 1 routes" },
      { vendorId: "v3", reason: "OVER_LIMIT", detail: "route 3 of 3; at most 1 routes" },
    ]);
  });
});

describe("routes: margin protection", () => {
  const hub = () => new Hub().customer("c", [rate("44", "0.1000")]).vendor("equal", [rate("44", "0.0900")]).vendor("over", [rate("44", "0.0901")]).vendor("loss", [rate("44", "0.11")]);

  it("never routes at a loss without a plan, a cost equal to the sell rate being allowed", () => {
    const answer = new Hub().customer("c", [rate("44", "0.10")]).vendor("even", [rate("44", "0.10")]).vendor("loss", [rate("44", "0.1001")]).index().routes(ask("c", "4477"));
    expect(order(answer)).toEqual(["even@0.1"]);
    expect(answer.dropped).toEqual([{ vendorId: "loss", reason: "MARGIN_BELOW_MINIMUM", detail: "cost 0.1001 USD exceeds sell 0.1 USD less minimum margin 0 (at most 0.1)" }]);
  });

  it("keeps a FIXED minimum margin: equal to the limit routes, one unit over is dropped", () => {
    const answer = hub().plan("c", { minMargin: { kind: "FIXED", value: d("0.01") } }).index().routes(ask("c", "4477"));
    expect(order(answer)).toEqual(["equal@0.09"]);
    expect(answer.dropped).toEqual([
      { vendorId: "loss", reason: "MARGIN_BELOW_MINIMUM", detail: "cost 0.11 USD exceeds sell 0.1 USD less minimum margin 0.01 (at most 0.09)" },
      { vendorId: "over", reason: "MARGIN_BELOW_MINIMUM", detail: "cost 0.0901 USD exceeds sell 0.1 USD less minimum margin 0.01 (at most 0.09)" },
    ]);
  });

  it("decides costs closer than a float can tell exactly: one unit in the 20th place over is dropped", () => {
    const sellRate = "0.1";
    const h = new Hub().customer("c", [rate("44", sellRate)]).vendor("even", [rate("44", "0.1")]).vendor("over", [rate("44", "0.10000000000000000001")]).vendor("under", [rate("44", "0.09999999999999999999")]);
    const answer = h.index().routes(ask("c", "4477"));
    expect(answer.routes.map((r) => r.vendorId)).toEqual(["under", "even"]);
    expect(reasons(answer)).toEqual({ over: "MARGIN_BELOW_MINIMUM" });
  });

  it("keeps a PERCENT minimum margin of the sell rate", () => {
    const answer = hub().plan("c", { minMargin: { kind: "PERCENT", value: d(10) } }).index().routes(ask("c", "4477"));
    expect(order(answer)).toEqual(["equal@0.09"]);
    expect(reasons(answer)).toEqual({ over: "MARGIN_BELOW_MINIMUM", loss: "MARGIN_BELOW_MINIMUM" });
  });
});

describe("routes: unroutable calls", () => {
  const hub = () => new Hub().customer("c", sell).vendor("v1", [rate("44", "0.01")]);

  it("refuses a number without digits", () => {
    const answer = hub().index().routes(ask("c", "+ ( ) -"));
    expect(answer).toMatchObject({ digits: "", routes: [], dropped: [], sell: null, unroutable: { reason: "NO_DIGITS", detail: "'+ ( ) -' has no digits to route on" } });
  });

  it("names an unknown customer", () => {
    expect(hub().index().routes(ask("nobody", "4477")).unroutable).toEqual({ reason: "UNKNOWN_CUSTOMER", detail: "no partner nobody is known to routing" });
  });

  it.each([
    ["BLOCKED", "CUSTOMER_BLOCKED"],
    ["SUSPENDED", "CUSTOMER_SUSPENDED"],
    ["TERMINATED", "CUSTOMER_TERMINATED"],
  ] as const)("gives a %s customer no routes and the reason", (status, reason) => {
    const h = hub();
    h.partners.set("c", { ...h.partners.get("c")!, status });
    const answer = h.index().routes(ask("c", "4477"));
    expect(answer).toMatchObject({ routes: [], dropped: [], unroutable: { reason, detail: `customer C is ${status}` } });
  });

  it("never guesses a sell rate: no prefix, or no rate in force, is NO_SELL_RATE", () => {
    const index = hub().index();
    const none = index.routes(ask("c", "4912345"));
    expect(none.unroutable).toEqual({ reason: "NO_SELL_RATE", detail: "card c-sell-voice has no prefix of 4912345: no sell rate, so no margin to protect" });
    expect(none.routes).toEqual([]);
    const early = index.routes(ask("c", "4477", { at: new Date("2025-12-31T23:59:59Z") }));
    expect(early.unroutable).toEqual({ reason: "NO_SELL_RATE", detail: "no SELL card for VOICE in force at 2025-12-31T23:59:59.000Z (or it is not loaded)" });
  });

  it("says NO_ROUTES with every vendor's reason when all are dropped, or when there is no vendor at all", () => {
    const h = hub().vendor("v2", [rate("44", "0.50")]);
    const answer = h.index().routes(ask("c", "4477"));
    h.partners.set("v1", { ...h.partners.get("v1")!, status: "BLOCKED" });
    const blocked = h.index().routes(ask("c", "4477"));
    expect(answer.routes).toHaveLength(1);
    expect(blocked.unroutable).toEqual({ reason: "NO_ROUTES", detail: "all 2 vendors dropped" });
    expect(reasons(blocked)).toEqual({ v1: "VENDOR_BLOCKED", v2: "MARGIN_BELOW_MINIMUM" });
    const alone = new Hub().customer("c", sell).index().routes(ask("c", "4477", { at: AT }));
    expect(alone.unroutable).toEqual({ reason: "NO_ROUTES", detail: "no vendor has a BUY plan for VOICE in force at 2026-05-06T12:00:00.000Z" });
  });
});
