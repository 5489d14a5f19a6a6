import { RatedService } from "@intersettle/shared";
import { ask, d, Hub, order, rate, reasons } from "./hub";

const sell = [rate("44", "0.20")];
const at = (iso: string) => ({ at: new Date(iso) });

describe("effective dates", () => {
  it("prices a vendor by the rate row in force at the routed time (end exclusive)", () => {
    const switchover = new Date("2026-06-01T00:00:00Z");
    const index = new Hub()
      .customer("c", sell)
      .vendor("v1", [rate("44", "0.05", { effectiveTo: switchover }), rate("44", "0.01", { effectiveFrom: switchover, version: 2 })])
      .vendor("v2", [rate("44", "0.03")])
      .index();
    expect(order(index.routes(ask("c", "4477", at("2026-05-31T23:59:59Z"))))).toEqual(["v2@0.03", "v1@0.05"]);
    expect(order(index.routes(ask("c", "4477", at("2026-06-01T00:00:00Z"))))).toEqual(["v1@0.01", "v2@0.03"]);
  });

  it("prices a vendor by the longest prefix with a rate in force, a newer prefix counting only from its start", () => {
    const index = new Hub().customer("c", sell).vendor("v1", [rate("44", "0.02"), rate("4420", "0.09", { effectiveFrom: new Date("2026-06-01T00:00:00Z") })]).index();
    expect(order(index.routes(ask("c", "442071", at("2026-05-15T00:00:00Z"))))).toEqual(["v1@0.02"]);
    expect(order(index.routes(ask("c", "442071", at("2026-06-15T00:00:00Z"))))).toEqual(["v1@0.09"]);
  });

  it("uses the card each partner's price plan chooses at the routed time, for buying and for selling", () => {
    const h = new Hub()
      .customer("c", [rate("44", "0.20")], { plan: { effectiveTo: new Date("2026-06-01T00:00:00Z") } })
      .customer("c", [rate("44", "0.04")], { cardId: "c-sell-new", plan: { effectiveFrom: new Date("2026-06-01T00:00:00Z") } })
      .vendor("v1", [rate("44", "0.05")], { plan: { effectiveTo: new Date("2026-06-01T00:00:00Z") } })
      .vendor("v1", [rate("44", "0.03")], { cardId: "v1-buy-new", plan: { effectiveFrom: new Date("2026-06-01T00:00:00Z") } });
    const index = h.index();
    const before = index.routes(ask("c", "4477", at("2026-05-31T12:00:00Z")));
    expect(before.sell?.rateCardId).toBe("c-sell-voice");
    expect(before.routes.map((r) => [r.rateCardId, r.cost.toFixed()])).toEqual([["v1-buy-voice", "0.05"]]);
    const after = index.routes(ask("c", "4477", at("2026-06-02T12:00:00Z")));
    expect(after.sell).toMatchObject({ rateCardId: "c-sell-new", rate: d("0.04") });
    expect(after.routes.map((r) => [r.rateCardId, r.cost.toFixed(), r.margin.toFixed()])).toEqual([["v1-buy-new", "0.03", "0.01"]]);
  });

  it("prefers an agreement's price plan while that agreement is in force", () => {
    const agreements = [
      { id: "a-2026", type: "BILATERAL", services: ["VOICE"], validFrom: "2026-01-01", validTo: null, status: "ACTIVE" as const },
      { id: "promo", type: "BILATERAL", services: ["VOICE"], validFrom: "2026-05-01", validTo: "2026-05-31", status: "ACTIVE" as const },
    ];
    const h = new Hub().customer("c", sell).vendor("v1", [rate("44", "0.05")], { partner: { agreements } }).vendor("v1", [rate("44", "0.02")], { cardId: "promo-card", plan: { agreementId: "promo" } });
    const index = h.index();
    expect(index.routes(ask("c", "4477", at("2026-05-15T00:00:00Z"))).routes[0].rateCardId).toBe("promo-card");
    expect(index.routes(ask("c", "4477", at("2026-06-01T00:00:00Z"))).routes[0].rateCardId).toBe("v1-buy-voice");
  });
});

describe("agreements: carrying traffic and choosing the price plan", () => {
  const agreement = (id: string, status: "ACTIVE" | "SUSPENDED" | "DRAFT" | "TERMINATED", extra = {}) => ({ id, type: "BILATERAL", services: ["VOICE"], validFrom: "2026-01-01", validTo: null as string | null, status, ...extra });

  it("chooses an agreement's plan as rating does (a suspended agreement still prices, a draft never), while carrying needs an ACTIVE one", () => {
    const hub = (agreements: ReturnType<typeof agreement>[]) =>
      new Hub().customer("c", sell).vendor("v1", [rate("44", "0.05")], { partner: { agreements } }).vendor("v1", [rate("44", "0.02")], { cardId: "special", plan: { agreementId: "special" } }).index();
    expect(hub([agreement("main", "ACTIVE"), agreement("special", "SUSPENDED")]).routes(ask("c", "4477")).routes[0].rateCardId).toBe("special");
    expect(hub([agreement("main", "ACTIVE"), agreement("special", "DRAFT")]).routes(ask("c", "4477")).routes[0].rateCardId).toBe("v1-buy-voice");
    expect(hub([agreement("main", "ACTIVE"), agreement("special", "TERMINATED")]).routes(ask("c", "4477")).routes[0].rateCardId).toBe("v1-buy-voice");
    expect(hub([agreement("main", "ACTIVE"), agreement("special", "TERMINATED", { validTo: "2026-12-31" })]).routes(ask("c", "4477")).routes[0].rateCardId).toBe("special");
    expect(reasons(hub([agreement("special", "SUSPENDED")]).routes(ask("c", "4477")))).toEqual({ v1: "NO_VALID_AGREEMENT" });
  });

  it("chooses the customer's sell card by its agreements too", () => {
    const agreements = [agreement("c-main", "ACTIVE"), agreement("c-promo", "ACTIVE", { validFrom: "2026-05-01", validTo: "2026-05-31" })];
    const index = new Hub().customer("c", sell, { partner: { agreements } }).customer("c", [rate("44", "0.50")], { cardId: "promo-sell", plan: { agreementId: "c-promo" } }).vendor("v1", [rate("44", "0.30")]).index();
    expect(index.routes(ask("c", "4477")).sell?.rateCardId).toBe("promo-sell");
    expect(index.routes(ask("c", "4477", at("2026-06-01T00:00:00Z"))).sell?.rateCardId).toBe("c-sell-voice");
  });
});

describe("time bands", () => {
  const peak = { name: "PEAK", weekdays: [1, 2, 3, 4, 5], start: "08:00", end: "18:00" };

  it("prices a vendor at its band's rate at the routed instant on the vendor's clock, else its all-times rate", () => {
    const rows = [rate("44", "0.01"), rate("44", "0.06", { timeBand: "PEAK" })];
    const index = new Hub().customer("c", sell).vendor("tokyo", rows, { bands: [peak], timezone: "Asia/Tokyo" }).vendor("flat", [rate("44", "0.04")]).index();
    // Wednesday 00:30 UTC is 09:30 in Tokyo: peak there.
    expect(order(index.routes(ask("c", "4477", at("2026-05-06T00:30:00Z"))))).toEqual(["flat@0.04", "tokyo@0.06"]);
    // 12:00 UTC is 21:00 in Tokyo: off peak.
    expect(order(index.routes(ask("c", "4477", at("2026-05-06T12:00:00Z"))))).toEqual(["tokyo@0.01", "flat@0.04"]);
    // Saturday: no band on weekends.
    expect(order(index.routes(ask("c", "4477", at("2026-05-09T01:00:00Z"))))).toEqual(["tokyo@0.01", "flat@0.04"]);
  });

  it("takes the customer's sell rate in its band as well", () => {
    const index = new Hub().customer("c", [rate("44", "0.20"), rate("44", "0.05", { timeBand: "PEAK" })], { bands: [peak] }).vendor("v1", [rate("44", "0.06")]).index();
    expect(order(index.routes(ask("c", "4477", at("2026-05-06T20:00:00Z"))))).toEqual(["v1@0.06"]);
    const inPeak = index.routes(ask("c", "4477", at("2026-05-06T10:00:00Z")));
    expect(inPeak.sell?.rate).toEqual(d("0.05"));
    expect(reasons(inPeak)).toEqual({ v1: "MARGIN_BELOW_MINIMUM" });
  });
});

describe("currencies", () => {
  it("converts each vendor's rate to the sell currency by the rates on the routed UTC day: direct, inverse and across the hub", () => {
    const h = new Hub()
      .customer("c", [rate("44", "0.20")], { currency: "EUR" })
      .vendor("usd", [rate("44", "0.05")], { currency: "USD" })
      .vendor("gbp", [rate("44", "0.04")], { currency: "GBP" })
      .vendor("eur", [rate("44", "0.045")], { currency: "EUR" })
      .fx("EUR", "USD", "1.25")
      .fx("EUR", "USD", "0.80", "2026-05-07")
      .fx("USD", "GBP", "0.50");
    const index = h.index();
    const answer = index.routes(ask("c", "4477"));
    // USD 0.05 / 1.25 = EUR 0.04; GBP 0.04 → USD 0.08 → EUR 0.064.
    expect(answer.routes.map((r) => [r.vendorId, r.rate.toFixed(), r.currency, r.cost.toFixed(), r.margin.toFixed()])).toEqual([
      ["usd", "0.05", "USD", "0.04", "0.16"],
      ["eur", "0.045", "EUR", "0.045", "0.155"],
      ["gbp", "0.04", "GBP", "0.064", "0.136"],
    ]);
    expect(order(index.routes(ask("c", "4477", at("2026-05-07T00:00:00Z"))))).toEqual(["eur@0.045", "usd@0.0625", "gbp@0.1"]);
  });

  it("compares margin in the sell currency", () => {
    const index = new Hub().customer("c", [rate("44", "0.10")], { currency: "EUR" }).vendor("v1", [rate("44", "0.125")]).fx("EUR", "USD", "1.25").index();
    expect(order(index.routes(ask("c", "4477")))).toEqual(["v1@0.1"]);
    const dearer = new Hub().customer("c", [rate("44", "0.10")], { currency: "EUR" }).vendor("v1", [rate("44", "0.12501")]).fx("EUR", "USD", "1.25").index();
    expect(dearer.routes(ask("c", "4477")).dropped[0].detail).toBe("cost 0.100008 EUR exceeds sell 0.1 EUR less minimum margin 0 (at most 0.1)");
  });
});

describe("services", () => {
  it("routes each service with its own plans and cards: an SMS vendor is no VOICE candidate", () => {
    const h = new Hub()
      .customer("c", sell)
      .customer("c", [rate("44", "0.03")], { service: RatedService.SMS })
      .vendor("voice", [rate("44", "0.01")])
      .vendor("sms", [rate("44", "0.02")], { service: RatedService.SMS });
    const index = h.index();
    expect(order(index.routes(ask("c", "4477")))).toEqual(["voice@0.01"]);
    expect(order(index.routes(ask("c", "4477", { service: RatedService.SMS })))).toEqual(["sms@0.02"]);
  });
});
