import fc from "fast-check";
import { PlanAgreements, PricePlanBook, type PlanAgreement, type PricePlanEntry } from "../src/tariffs";

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

describe("PricePlanBook.chooseAt", () => {
  const day = 86_400_000;
  const arbitraryPlan = fc.record({
    trunk: fc.constantFrom(null, "m1", "m2"),
    agreement: fc.constantFrom(null, "a1", "a2"),
    from: fc.integer({ min: 0, max: 30 }),
    length: fc.option(fc.integer({ min: 0, max: 30 })),
  });

  it("chooses exactly what choose() chooses, whatever the plans, time, mapping and agreements in force", () => {
    fc.assert(
      fc.property(fc.array(arbitraryPlan, { maxLength: 8 }), fc.integer({ min: -1, max: 62 }), fc.constantFrom(null, "m1", "m2"), fc.subarray(["a1", "a2"]), (specs, atDay, trunk, agreements) => {
        const entries = specs.map((s, i) =>
          plan(`p${i}`, { trunkMappingId: s.trunk, agreementId: s.agreement, effectiveFrom: new Date(s.from * day), effectiveTo: s.length === null ? null : new Date((s.from + s.length) * day) }),
        );
        const book = new PricePlanBook(entries);
        const at = new Date(atDay * day);
        const viaQuery = book.choose({ partnerId: "p1", direction: "SELL", service: "VOICE" as PricePlanEntry["service"], at, trunkMappingId: trunk, agreementIds: agreements });
        const direct = book.chooseAt("p1", "SELL", "VOICE" as PricePlanEntry["service"], at.getTime(), trunk, (id) => agreements.includes(id));
        expect(direct).toBe(viaQuery);
      }),
    );
  });

  it("hands back the entry it was given, with whatever it carries", () => {
    const book = new PricePlanBook([{ ...plan("d"), pricing: "card-d priced" }]);
    expect(book.chooseAt("p1", "SELL", "VOICE" as PricePlanEntry["service"], Date.parse("2026-02-01T00:00:00Z"), null)?.pricing).toBe("card-d priced");
  });
});

describe("PlanAgreements", () => {
  const agreement = (id: string, over: Partial<PlanAgreement> = {}): PlanAgreement => ({ id, partnerId: "p1", services: ["VOICE"], validFrom: "2026-05-01", validTo: "2026-05-31", status: "ACTIVE", ...over });
  const ms = (iso: string) => Date.parse(iso);

  it("reads an agreement's first and last day in the partner's timezone, the last day inclusive", () => {
    const london = new PlanAgreements([agreement("a1")], () => "Europe/London");
    expect(london.inForce("a1", "VOICE" as never, ms("2026-04-30T22:59:59Z"))).toBe(false);
    expect(london.inForce("a1", "VOICE" as never, ms("2026-04-30T23:00:00Z"))).toBe(true);
    expect(london.inForce("a1", "VOICE" as never, ms("2026-05-31T22:59:59Z"))).toBe(true);
    expect(london.inForce("a1", "VOICE" as never, ms("2026-05-31T23:00:00Z"))).toBe(false);
    expect(london.inForce("a1", "SMS" as never, ms("2026-05-10T00:00:00Z"))).toBe(false);
    expect(london.idsInForce("p1", "VOICE" as never, new Date("2026-05-10T00:00:00Z"))).toEqual(["a1"]);
  });

  it("never applies a draft, nor a terminated agreement without a last day; a suspended one still prices", () => {
    const book = new PlanAgreements(
      [agreement("draft", { status: "DRAFT" }), agreement("ended", { status: "TERMINATED", validTo: null }), agreement("endedDated", { status: "TERMINATED" }), agreement("held", { status: "SUSPENDED", validTo: null })],
      () => "UTC",
    );
    expect(book.idsInForce("p1", "VOICE" as never, new Date("2026-05-10T00:00:00Z"))).toEqual(["endedDated", "held"]);
    expect(book.idsInForce("p1", "VOICE" as never, new Date("2030-01-01T00:00:00Z"))).toEqual(["held"]);
    expect(book.inForce("unknown", "VOICE" as never, ms("2026-05-10T00:00:00Z"))).toBe(false);
  });
});
