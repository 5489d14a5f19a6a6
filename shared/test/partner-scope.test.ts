import fc from "fast-check";
import { assertEveryEntityScoped, OperatorsOnly, PartnerOwned, PartnerScope, ReferenceData, type Principal } from "../src/auth";

@PartnerOwned({
  by: ["customerId", "vendorId"],
  legs: [
    { partner: "customerId", fields: ["customerId", "revenue"] },
    { partner: "vendorId", fields: ["vendorId", "cost"] },
  ],
  hidden: ["margin"],
})
class Call {
  constructor(
    public customerId: string | null,
    public vendorId: string | null,
    public revenue: string | null,
    public cost: string | null,
    public margin: string | null,
  ) {}
}

@OperatorsOnly()
class Source {}

@ReferenceData()
class Destination {}

class Undeclared {}

const partner = (id: string): Principal => ({ kind: "partner", partnerId: id, credentialId: "c" });
const operator: Principal = { kind: "operator", id: "o", name: "alice", roles: [] };

describe("PartnerScope", () => {
  it("shows a partner its own leg of a shared call and nothing of the other party's", () => {
    const call = new Call("A", "B", "1.20", "0.90", "0.30");
    expect(PartnerScope.of(partner("A")).present(Call, call)).toEqual({ customerId: "A", vendorId: null, revenue: "1.20", cost: null, margin: null });
    expect(PartnerScope.of(partner("B")).present(Call, call)).toEqual({ customerId: null, vendorId: "B", revenue: null, cost: "0.90", margin: null });
    expect(PartnerScope.of(operator).present(Call, call)).toBe(call);
    expect(PartnerScope.of(partner("A")).present(Call, call)).toBeInstanceOf(Call);
  });

  it("never lets a partner see a value that belongs to another partner's leg (property)", () => {
    const id = fc.constantFrom("A", "B", "C", null);
    const money = fc.option(fc.integer({ min: 0, max: 10_000 }).map(String), { nil: null });
    fc.assert(
      fc.property(id, id, money, money, money, fc.constantFrom("A", "B", "C"), (customer, vendor, revenue, cost, margin, viewer) => {
        const scope = PartnerScope.of(partner(viewer));
        const row = new Call(customer, vendor, revenue, cost, margin);
        const seen = scope.present(Call, row);
        expect(seen.margin).toBeNull();
        if (customer !== viewer) expect([seen.customerId, seen.revenue]).toEqual([null, null]);
        else expect([seen.customerId, seen.revenue]).toEqual([customer, revenue]);
        if (vendor !== viewer) expect([seen.vendorId, seen.cost]).toEqual([null, null]);
        else expect([seen.vendorId, seen.cost]).toEqual([vendor, cost]);
        expect(scope.admits(Call, row)).toBe(customer === viewer || vendor === viewer);
      }),
    );
  });

  it("keeps operators-only records from partners and lets everyone read reference data", () => {
    expect(PartnerScope.of(partner("A")).admits(Source, new Source())).toBe(false);
    expect(PartnerScope.of(operator).admits(Source, new Source())).toBe(true);
    expect(PartnerScope.of(partner("A")).admits(Destination, new Destination())).toBe(true);
  });

  it("refuses to start a subgraph with an entity that has no partner visibility", () => {
    expect(() => assertEveryEntityScoped([Call, Source, Destination])).not.toThrow();
    expect(() => assertEveryEntityScoped([Call, Undeclared])).toThrow(/Undeclared/);
  });
});
