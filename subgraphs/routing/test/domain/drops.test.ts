import { AT, ask, d, Hub, order, partner, rate, reasons } from "./hub";

const sell = [rate("44", "0.20")];
const dropOf = (hub: Hub, vendorId: string, extra = {}) => hub.index().routes(ask("c", "447700900123", extra)).dropped.find((x) => x.vendorId === vendorId);

describe("vendors dropped, each with its reason", () => {
  it.each([
    ["BLOCKED", "VENDOR_BLOCKED"],
    ["SUSPENDED", "VENDOR_SUSPENDED"],
    ["TERMINATED", "VENDOR_TERMINATED"],
  ] as const)("drops a %s vendor", (status, reason) => {
    const hub = new Hub().customer("c", sell).vendor("v1", [rate("44", "0.01")], { partner: { status } }).vendor("v2", [rate("44", "0.02")]);
    const answer = hub.index().routes(ask("c", "4477"));
    expect(order(answer)).toEqual(["v2@0.02"]);
    expect(answer.dropped).toEqual([{ vendorId: "v1", reason, detail: `vendor V1 is ${status}` }]);
  });

  it("drops the customer as its own vendor", () => {
    const hub = new Hub().customer("c", sell).vendor("c", [rate("44", "0.01")]);
    expect(dropOf(hub, "c")).toEqual({ vendorId: "c", reason: "SAME_PARTNER", detail: "the customer itself: a call is never routed back to its sender" });
  });

  describe("NO_VALID_AGREEMENT", () => {
    const agreement = { id: "a", type: "BILATERAL", services: ["VOICE"], validFrom: "2026-01-01", validTo: null as string | null, status: "ACTIVE" as const };
    const hubWith = (agreements: (typeof agreement)[], timezone = "UTC") => new Hub().customer("c", sell).vendor("v1", [rate("44", "0.01")], { partner: { agreements, timezone } });

    it.each([
      ["no agreement", []],
      ["a DRAFT agreement", [{ ...agreement, status: "DRAFT" }]],
      ["a SUSPENDED agreement", [{ ...agreement, status: "SUSPENDED" }]],
      ["an agreement for SMS only", [{ ...agreement, services: ["SMS"] }]],
      ["a revenue-share agreement", [{ ...agreement, type: "CONTENT_REVENUE_SHARE" }]],
      ["an agreement that ended the day before", [{ ...agreement, validTo: "2026-05-05" }]],
      ["an agreement starting the day after", [{ ...agreement, validFrom: "2026-05-07" }]],
    ] as const)("with %s", (_what, agreements) => {
      expect(dropOf(hubWith([...agreements] as (typeof agreement)[]), "v1")).toEqual({ vendorId: "v1", reason: "NO_VALID_AGREEMENT", detail: "no ACTIVE agreement covering VOICE on 2026-05-06 (UTC)" });
    });

    it("counts validTo as the last valid day, on the vendor's own calendar", () => {
      const ending = [{ ...agreement, validTo: "2026-05-06" }];
      expect(dropOf(hubWith(ending), "v1")).toBeUndefined();
      // 23:30 UTC on the 6th is already the 7th in Tokyo, and still the 6th in New York.
      const late = { at: new Date("2026-05-06T23:30:00Z") };
      expect(dropOf(hubWith(ending, "Asia/Tokyo"), "v1", late)).toEqual({ vendorId: "v1", reason: "NO_VALID_AGREEMENT", detail: "no ACTIVE agreement covering VOICE on 2026-05-07 (Asia/Tokyo)" });
      expect(dropOf(hubWith(ending, "America/New_York"), "v1", late)).toBeUndefined();
    });

    it("names a vendor routing has no partner record for", () => {
      const hub = new Hub().customer("c", sell).vendor("v1", [rate("44", "0.01")]);
      hub.partners.delete("v1");
      expect(dropOf(hub, "v1")).toEqual({ vendorId: "v1", reason: "NO_VALID_AGREEMENT", detail: "partner v1 is unknown to routing, so are its agreements" });
    });
  });

  describe("NO_RATE", () => {
    it("when the vendor's card has no prefix of the number", () => {
      const hub = new Hub().customer("c", sell).vendor("v1", [rate("33", "0.01")]);
      expect(dropOf(hub, "v1")?.detail).toBe("card v1-buy-voice has no prefix of 447700900123");
    });

    it("when no rate of a matching prefix is in force, without falling back on a guess", () => {
      const hub = new Hub().customer("c", sell).vendor("v1", [rate("44", "0.01", { effectiveFrom: new Date("2026-06-01T00:00:00Z") })]);
      expect(dropOf(hub, "v1")).toEqual({ vendorId: "v1", reason: "NO_RATE", detail: "card v1-buy-voice has no rate for 447700900123 in force at 2026-05-06T12:00:00.000Z" });
    });

    it("when the chosen card is not loaded", () => {
      const hub = new Hub().customer("c", sell).vendor("v1", [rate("44", "0.01")]);
      hub.cards.delete("v1-buy-voice");
      expect(dropOf(hub, "v1")?.detail).toBe("BUY card v1-buy-voice is not loaded");
    });

    it("when the vendor's only plan belongs to an agreement not in force", () => {
      const hub = new Hub().customer("c", sell).vendor("v1", [rate("44", "0.01")], { plan: { agreementId: "old-agreement" } });
      expect(dropOf(hub, "v1")?.detail).toBe("no BUY card for VOICE under the agreements in force at 2026-05-06T12:00:00.000Z");
    });
  });

  it("NO_FX_RATE when the vendor's currency cannot be converted to the sell currency on the day", () => {
    const hub = new Hub().customer("c", sell).vendor("v1", [rate("44", "0.01")], { currency: "EUR" }).fx("EUR", "USD", "1.10", "2026-05-07");
    expect(dropOf(hub, "v1")).toEqual({ vendorId: "v1", reason: "NO_FX_RATE", detail: "no EUR→USD exchange rate on 2026-05-06 (UTC)" });
    expect(dropOf(hub, "v1", { at: new Date("2026-05-07T00:00:00Z") })).toBeUndefined();
  });

  describe("QUALITY_BELOW_FLOOR", () => {
    const floor = { minAsr: d(40), minAcd: d(60), minCalls: 20, windowMinutes: 30 };
    const hub = () => new Hub().customer("c", sell).vendor("v1", [rate("44", "0.01")]).vendor("v2", [rate("44", "0.02")]).plan("c", { qualityFloor: floor });

    it("drops a vendor under the ASR floor, naming the figures and the destination", () => {
      const h = hub().quality("v1", "Dest 44", { calls: 100, answered: 35, seconds: 35 * 120 }).quality("v2", "Dest 44", { calls: 100, answered: 40, seconds: 40 * 60 });
      const answer = h.index().routes(ask("c", "4477"));
      expect(order(answer)).toEqual(["v2@0.02"]);
      expect(answer.dropped).toEqual([{ vendorId: "v1", reason: "QUALITY_BELOW_FLOOR", detail: "ASR 35% below floor 40% over 100 calls in 30 min to Dest 44" }]);
      expect(h.asked[0]).toEqual({ vendorId: "v1", destination: "Dest 44", from: new Date(AT.getTime() - 30 * 60_000), to: AT });
    });

    it("drops a vendor under the ACD floor, a route with no answered call counting as 0 s", () => {
      const h = hub().quality("v1", "Dest 44", { calls: 100, answered: 50, seconds: 50 * 59 }).quality("v2", "Dest 44", { calls: 20, answered: 0, seconds: 0 });
      expect(h.index().routes(ask("c", "4477")).dropped).toEqual([
        { vendorId: "v1", reason: "QUALITY_BELOW_FLOOR", detail: "ACD 59 s below floor 60 s over 100 calls in 30 min to Dest 44" },
        { vendorId: "v2", reason: "QUALITY_BELOW_FLOOR", detail: "ASR 0% below floor 40% over 20 calls in 30 min to Dest 44" },
      ]);
    });

    it("does not judge a route on fewer calls than the floor's minimum, nor one without traffic", () => {
      const h = hub().quality("v1", "Dest 44", { calls: 19, answered: 0, seconds: 0 });
      const answer = h.index().routes(ask("c", "4477"));
      expect(order(answer)).toEqual(["v1@0.01", "v2@0.02"]);
      expect(answer.routes[0].quality).toEqual({ calls: 19, asr: d(0), acd: null, score: d(0) });
      expect(answer.routes[1].quality).toEqual({ calls: 0, asr: null, acd: null, score: null });
    });

    it("applies the index's default floor when the plan has none, and none when it is null", () => {
      const h = new Hub().customer("c", sell).vendor("v1", [rate("44", "0.01")]).quality("v1", "Dest 44", { calls: 100, answered: 10, seconds: 1000 });
      expect(reasons(h.index({ defaultQualityFloor: floor }).routes(ask("c", "4477")))).toEqual({ v1: "QUALITY_BELOW_FLOOR" });
      expect(order(h.index({ defaultQualityFloor: null }).routes(ask("c", "4477")))).toEqual(["v1@0.01"]);
      expect(h.index().routes(ask("c", "4477")).routes[0].quality).toBeNull();
    });
  });

  it("drops in vendor-code order, so two identical questions get identical answers", () => {
    const hub = new Hub().customer("c", sell);
    for (const v of ["vc", "va", "vb"]) hub.vendor(v, [rate("44", "0.50")]);
    hub.partners.set("vb", partner("vb", { status: "BLOCKED" }));
    const index = hub.index();
    expect(index.routes(ask("c", "4477")).dropped.map((x) => x.vendorId)).toEqual(["va", "vb", "vc"]);
    expect(index.routes(ask("c", "4477"))).toEqual(index.routes(ask("c", "4477")));
  });
});
