import fc from "fast-check";
import { Decimal } from "@intersettle/shared";
import { nettingStatement, type SettlementDocument, InvoiceSide } from "../src/domain";

const d = (v: string | number) => new Decimal(v);
const october = { firstDate: "2026-10-01", lastDate: "2026-10-31" };
let seq = 0;
const doc = (side: SettlementDocument["side"], total: string, extra: Partial<SettlementDocument> = {}): SettlementDocument => {
  seq += 1;
  return { id: `D${seq}`, number: `N-${seq}`, side, kind: "INVOICE", currency: "USD", issueDate: "2026-10-15", total: d(total), ...extra };
};

describe("nettingStatement", () => {
  it("nets receivable less its credit notes against payable, per currency, saying who owes whom", () => {
    const documents = [
      doc(InvoiceSide.RECEIVABLE, "1000.00", { id: "R1" }),
      doc(InvoiceSide.RECEIVABLE, "150.00", { id: "R1-CN", kind: "CREDIT_NOTE" }),
      doc(InvoiceSide.RECEIVABLE, "20.00", { id: "R1-DN", kind: "DEBIT_NOTE" }),
      doc(InvoiceSide.PAYABLE, "600.50", { id: "P1" }),
      doc(InvoiceSide.PAYABLE, "900.00", { id: "P2", currency: "EUR" }),
      doc(InvoiceSide.RECEIVABLE, "900.00", { id: "R2", currency: "EUR", issueDate: "2026-10-31" }),
      doc(InvoiceSide.RECEIVABLE, "5000", { id: "R3", currency: "JPY" }),
      doc(InvoiceSide.PAYABLE, "7000", { id: "P3", currency: "JPY" }),
      doc(InvoiceSide.RECEIVABLE, "99.00", { id: "SEPT", issueDate: "2026-09-30" }),
      doc(InvoiceSide.PAYABLE, "99.00", { id: "NOV", issueDate: "2026-11-01" }),
    ];
    const { currencies } = nettingStatement(documents, october);
    expect(currencies.map((c) => [c.currency, c.receivable.toFixed(2), c.payable.toFixed(2), c.net.toFixed(2), c.direction, c.amount.toFixed(2)])).toEqual([
      ["EUR", "900.00", "900.00", "0.00", "SETTLED", "0.00"],
      ["JPY", "5000.00", "7000.00", "-2000.00", "WE_OWE_PARTNER", "2000.00"],
      ["USD", "870.00", "600.50", "269.50", "PARTNER_OWES_US", "269.50"],
    ]);
    const usd = currencies[2];
    expect(usd.receivableEntries.map((e) => [e.documentId, e.amount.toFixed(2)])).toEqual([["R1", "1000.00"], ["R1-CN", "-150.00"], ["R1-DN", "20.00"]]);
    expect(usd.payableEntries.map((e) => e.documentId)).toEqual(["P1"]);
  });

  it("shows a voided invoice with the credit note that voided it, netting to nothing", () => {
    const { currencies } = nettingStatement([doc(InvoiceSide.RECEIVABLE, "10.00", { id: "V" }), doc(InvoiceSide.RECEIVABLE, "10.00", { id: "V-CN", kind: "CREDIT_NOTE" })], october);
    expect(currencies[0].direction).toBe("SETTLED");
    expect(currencies[0].receivableEntries).toHaveLength(2);
  });

  it("has no currency line without a document in the period", () => {
    expect(nettingStatement([doc(InvoiceSide.RECEIVABLE, "1", { issueDate: "2026-11-01" })], october).currencies).toEqual([]);
  });

  it("nets each currency exactly from its own documents, never mixing currencies (property)", () => {
    const documentArb = fc.record({
      side: fc.constantFrom(InvoiceSide.RECEIVABLE, InvoiceSide.PAYABLE),
      kind: fc.constantFrom("INVOICE" as const, "DEBIT_NOTE" as const, "CREDIT_NOTE" as const),
      currency: fc.constantFrom(["USD", 2] as const, ["EUR", 2] as const, ["JPY", 0] as const, ["BHD", 3] as const),
      units: fc.integer({ min: 0, max: 10_000_000 }),
      day: fc.integer({ min: -3, max: 33 }),
    });
    fc.assert(
      fc.property(fc.array(documentArb, { maxLength: 25 }), (rows) => {
        const documents = rows.map((r, i): SettlementDocument => ({
          id: `D${i}`,
          number: `N-${i}`,
          side: r.side,
          kind: r.kind,
          currency: r.currency[0],
          issueDate: new Date(Date.UTC(2026, 9, r.day)).toISOString().slice(0, 10),
          total: d(r.units).dividedBy(10 ** r.currency[1]),
        }));
        const statement = nettingStatement(documents, october);
        const inPeriod = documents.filter((x) => x.issueDate >= october.firstDate && x.issueDate <= october.lastDate);
        expect(statement.currencies.map((c) => c.currency)).toEqual([...new Set(inPeriod.map((x) => x.currency))].sort());
        for (const c of statement.currencies) {
          const signed = (side: string) =>
            inPeriod.filter((x) => x.currency === c.currency && x.side === side).reduce((s, x) => (x.kind === "CREDIT_NOTE" ? s.minus(x.total) : s.plus(x.total)), d(0));
          expect(c.receivable.eq(signed("RECEIVABLE"))).toBe(true);
          expect(c.payable.eq(signed("PAYABLE"))).toBe(true);
          expect(c.receivable.minus(c.payable).eq(c.net)).toBe(true);
          expect(c.amount.eq(c.net.abs())).toBe(true);
          expect(c.direction).toBe(c.net.gt(0) ? "PARTNER_OWES_US" : c.net.lt(0) ? "WE_OWE_PARTNER" : "SETTLED");
          // The entries are the side's documents of this currency, each once, and add up to the side's amount.
          const entries = [...c.receivableEntries, ...c.payableEntries];
          expect(entries.map((e) => e.documentId).sort()).toEqual(inPeriod.filter((x) => x.currency === c.currency).map((x) => x.id).sort());
          expect(c.receivableEntries.reduce((s, e) => s.plus(e.amount), d(0)).eq(c.receivable)).toBe(true);
          expect(c.payableEntries.reduce((s, e) => s.plus(e.amount), d(0)).eq(c.payable)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
