import { PricePlanBook, type PricePlanEntry } from "../src/tariffs";

const plan = (id: string, over: Partial<PricePlanEntry> = {}): PricePlanEntry => ({
  id, partnerId: "p1", direction: "SELL", service: "VOICE" as PricePlanEntry["service"], rateCardId: `card-${id}`,
  trunkMappingId: null, agreementId: null, effectiveFrom: new Date("2026-01-01T00:00:00Z"), effectiveTo: null, ...over,
});
const at = (iso: string) => new Date(iso);

describe("PricePlanBook", () => {
  const book = new PricePlanBook([
    plan("default-old", { effectiveTo: at("2026-06-01T00:00:00Z") }),
    plan("default-new", { effectiveFrom: at("2026-06-01T00:00:00Z") }),
    plan("agreement", { agreementId: "a1", effectiveFrom: at("2026-03-01T00:00:00Z") }),
    plan("trunk", { trunkMappingId: "m1", effectiveFrom: at("2026-01-01T00:00:00Z"), effectiveTo: at("2027-01-01T00:00:00Z") }),
    plan("buy", { direction: "BUY" }),
  ]);
  const choose = (when: string, extra: { trunkMappingId?: string; agreementIds?: string[] } = {}) =>
    book.choose({ partnerId: "p1", direction: "SELL", service: "VOICE" as PricePlanEntry["service"], at: at(when), ...extra })?.id;

  it("takes the default in force at the time of use, the end being exclusive", () => {
    expect(choose("2026-05-31T23:59:59Z")).toBe("default-old");
    expect(choose("2026-06-01T00:00:00Z")).toBe("default-new");
    expect(choose("2025-12-31T23:59:59Z")).toBeUndefined();
  });

  it("prefers a trunk mapping's override, then an agreement's, over the default", () => {
    expect(choose("2026-04-01T00:00:00Z", { agreementIds: ["a1"] })).toBe("agreement");
    expect(choose("2026-02-01T00:00:00Z", { agreementIds: ["a1"] })).toBe("default-old");
    expect(choose("2026-04-01T00:00:00Z", { agreementIds: ["a1"], trunkMappingId: "m1" })).toBe("trunk");
    expect(choose("2027-01-01T00:00:00Z", { trunkMappingId: "m1" })).toBe("default-new");
    expect(choose("2026-04-01T00:00:00Z", { trunkMappingId: "m2" })).toBe("default-old");
  });

  it("keeps directions, services and partners apart", () => {
    expect(book.choose({ partnerId: "p1", direction: "BUY", service: "VOICE" as PricePlanEntry["service"], at: at("2026-04-01T00:00:00Z") })?.id).toBe("buy");
    expect(book.choose({ partnerId: "p1", direction: "BUY", service: "SMS" as PricePlanEntry["service"], at: at("2026-04-01T00:00:00Z") })).toBeUndefined();
    expect(book.choose({ partnerId: "p2", direction: "SELL", service: "VOICE" as PricePlanEntry["service"], at: at("2026-04-01T00:00:00Z") })).toBeUndefined();
    expect([...book.rateCardIds()].sort()).toEqual(["card-agreement", "card-buy", "card-default-new", "card-default-old", "card-trunk"]);
  });
});
