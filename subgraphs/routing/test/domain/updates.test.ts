import { FxHistory } from "@intersettle/shared";
import { ask, d, Hub, order, partner, rate, reasons } from "./hub";

const sell = [rate("44", "0.20")];
const hub = () => new Hub().customer("c", sell).vendor("v1", [rate("44", "0.05")]).vendor("v2", [rate("44", "0.03")]);

describe("keeping the index current, one event at a time", () => {
  it("a new card version changes the answer; an older version arriving late is ignored", () => {
    const h = hub();
    const index = h.index();
    expect(index.replaceCard(h.card("v1-buy-voice", "v1", "BUY", [rate("44", "0.01")], { version: 2 }))).toBe(true);
    expect(order(index.routes(ask("c", "4477")))).toEqual(["v1@0.01", "v2@0.03"]);
    expect(index.replaceCard(h.card("v1-buy-voice", "v1", "BUY", [rate("44", "0.09")], { version: 1 }))).toBe(false);
    expect(order(index.routes(ask("c", "4477")))).toEqual(["v1@0.01", "v2@0.03"]);
  });

  it("a removed card leaves its vendor without a rate", () => {
    const index = hub().index();
    expect(index.removeCard("v2-buy-voice")).toBe(true);
    expect(index.routes(ask("c", "4477")).dropped).toEqual([{ vendorId: "v2", reason: "NO_RATE", detail: "BUY card v2-buy-voice is not loaded" }]);
  });

  it("a new vendor's price plan and deck add it without rebuilding anything else", () => {
    const h = hub();
    const index = h.index();
    h.partners.set("v3", partner("v3"));
    index.upsertPartner(h.partners.get("v3")!);
    index.replaceCard(h.card("v3-card", "v3", "BUY", [rate("447", "0.02")]));
    index.replacePricePlans([{ ...h.pricePlans[2], id: "p-v3", partnerId: "v3", rateCardId: "v3-card" }], "v3");
    expect(order(index.routes(ask("c", "4477")))).toEqual(["v3@0.02", "v2@0.03", "v1@0.05"]);
    // Replacing one partner's plans keeps the others'.
    index.replacePricePlans([], "v2");
    expect(order(index.routes(ask("c", "4477")))).toEqual(["v3@0.02", "v1@0.05"]);
    index.replacePricePlans(h.pricePlans);
    expect(order(index.routes(ask("c", "4477")))).toEqual(["v2@0.03", "v1@0.05"]);
  });

  it("a credit event blocking a vendor drops it at once, and unblocking restores it", () => {
    const index = hub().index();
    expect(index.setPartnerStatus("v2", "BLOCKED")).toBe(true);
    expect(reasons(index.routes(ask("c", "4477")))).toEqual({ v2: "VENDOR_BLOCKED" });
    index.setPartnerStatus("v2", "ACTIVE");
    expect(order(index.routes(ask("c", "4477")))).toEqual(["v2@0.03", "v1@0.05"]);
    expect(index.setPartnerStatus("nobody", "BLOCKED")).toBe(false);
  });

  it("a partner's new code reorders ties; its agreements apply from the update", () => {
    const h = new Hub().customer("c", sell).vendor("va", [rate("44", "0.05")]).vendor("vb", [rate("44", "0.05")]);
    const index = h.index();
    expect(order(index.routes(ask("c", "4477")))).toEqual(["va@0.05", "vb@0.05"]);
    index.upsertPartner(partner("va", { code: "ZZ" }));
    expect(order(index.routes(ask("c", "4477")))).toEqual(["vb@0.05", "va@0.05"]);
    index.upsertPartner(partner("vb", { agreements: [] }));
    expect(reasons(index.routes(ask("c", "4477")))).toEqual({ vb: "NO_VALID_AGREEMENT" });
  });

  it("routing plans are replaced per customer or all at once", () => {
    const h = hub().customer("d", sell);
    const index = h.index();
    const block = (customerId: string) => ({ ...h.plan(customerId).plans.pop()!, overrides: [{ prefix: "44", vendorId: "v2", action: "BLOCK" as const }] });
    index.replaceRoutingPlans([block("c"), block("d")], "c");
    expect(reasons(index.routes(ask("c", "4477")))).toEqual({ v2: "BLOCKED_BY_OVERRIDE" });
    expect(reasons(index.routes(ask("d", "4477")))).toEqual({});
    index.replaceRoutingPlans([block("d")]);
    expect(reasons(index.routes(ask("c", "4477")))).toEqual({});
    expect(reasons(index.routes(ask("d", "4477")))).toEqual({ v2: "BLOCKED_BY_OVERRIDE" });
  });

  it("new exchange rates apply to the next lookup", () => {
    const h = new Hub().customer("c", sell).vendor("v1", [rate("44", "0.05")], { currency: "EUR" });
    const index = h.index();
    expect(reasons(index.routes(ask("c", "4477")))).toEqual({ v1: "NO_FX_RATE" });
    index.replaceFx(new FxHistory([{ base: "EUR", quote: "USD", rate: "1.2", effectiveDate: "2026-01-01" }]));
    expect(index.routes(ask("c", "4477")).routes[0].cost).toEqual(d("0.06"));
  });
});
