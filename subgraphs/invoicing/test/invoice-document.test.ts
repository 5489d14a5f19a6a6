import fc from "fast-check";
import { Decimal } from "@intersettle/shared";
import { checkInvoiceDocument, InvoiceSide, invoiceDocumentTitle, type InvoiceDocument } from "../src/domain";
import { documentLines, invoiceDocument } from "./invoice-document-fixture";

const d = (v: string | number) => new Decimal(v);

function problemOf(doc: InvoiceDocument): string | undefined {
  try {
    checkInvoiceDocument(doc);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(RangeError);
    return (error as Error).message;
  }
}

describe("checkInvoiceDocument", () => {
  it("takes a document whose lines add up to the net and net and tax to the gross", () => {
    expect(problemOf(invoiceDocument(12))).toBeUndefined();
    expect(problemOf(invoiceDocument(0))).toBeUndefined();
  });

  it("names the total that does not add up", () => {
    const doc = invoiceDocument(3);
    expect(problemOf({ ...doc, net: doc.net.plus("0.01") })).toMatch(/^net: .* is not the sum of the lines' nets/);
    expect(problemOf({ ...doc, gross: doc.gross.plus("0.01") })).toMatch(/^gross: .* is not net .* \+ tax/);
    expect(problemOf({ ...doc, tax: doc.tax.plus("0.01") })).toMatch(/^gross:/);
  });

  it("names the line and field at fault", () => {
    const lines = documentLines(3);
    lines[1] = { ...lines[1], net: d("1.005") };
    expect(problemOf(invoiceDocument(3, { lines }))).toMatch(/^lines\.1\.net: 1\.005 has more than the 2 decimals EUR allows/);
    const unconverted = documentLines(1).map((line) => ({ ...line, rateCurrency: "USD", exchangeRate: null }));
    expect(problemOf(invoiceDocument(1, { lines: unconverted }))).toMatch(/^lines\.0\.exchangeRate: is needed/);
    const badPeriod = documentLines(1).map((line) => ({ ...line, period: { from: "2026-02-28", to: "2026-02-01" } }));
    expect(problemOf(invoiceDocument(1, { lines: badPeriod }))).toMatch(/^lines\.0\.period\.to:/);
  });

  it("refuses dates, currencies and zones that are not real", () => {
    expect(problemOf(invoiceDocument(1, { dueDate: "2026-02-30" }))).toMatch(/^dueDate: '2026-02-30' is not a date/);
    expect(problemOf(invoiceDocument(1, { dueDate: "2026-03-31" }))).toMatch(/^dueDate: 2026-03-31 is before the issue date/);
    expect(problemOf(invoiceDocument(1, { currency: "XYZ" }))).toMatch(/^currency:/);
    expect(problemOf(invoiceDocument(1, { timezone: "Mars/Olympus" }))).toMatch(/^timezone:/);
    expect(problemOf(invoiceDocument(1, { number: " " }))).toMatch(/^number:/);
  });

  it("lets only a note name the invoice it corrects", () => {
    expect(problemOf(invoiceDocument(1, { corrects: "INV-1" }))).toMatch(/^corrects:/);
    expect(problemOf(invoiceDocument(1, { kind: "CREDIT_NOTE", corrects: "INV-1" }))).toBeUndefined();
  });

  it("finds any one-cent slip in the gross of any consistent document", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.constantFrom("0.01", "-0.01"), (count, slip) => {
        const doc = invoiceDocument(count);
        expect(problemOf(doc)).toBeUndefined();
        expect(problemOf({ ...doc, gross: doc.gross.plus(slip) })).toMatch(/^gross:/);
      }),
    );
  });
});

describe("invoiceDocumentTitle", () => {
  it("titles what we bill by its kind, and what a vendor bills us as the bill we expect", () => {
    expect(invoiceDocumentTitle({ kind: "INVOICE", side: InvoiceSide.RECEIVABLE })).toBe("Invoice");
    expect(invoiceDocumentTitle({ kind: "CREDIT_NOTE", side: InvoiceSide.RECEIVABLE })).toBe("Credit note");
    expect(invoiceDocumentTitle({ kind: "INVOICE", side: InvoiceSide.PAYABLE })).toBe("Expected vendor invoice");
    expect(invoiceDocumentTitle({ kind: "DEBIT_NOTE", side: InvoiceSide.PAYABLE })).toBe("Expected vendor debit note");
  });
});
