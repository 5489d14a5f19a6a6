import fc from "fast-check";
import Papa from "papaparse";
import { Decimal } from "@intersettle/shared";
import { InvoiceSide, SAGE_BATCH_TRANSACTION_HEADER, sageBatchTransactionCsv, sageTransactionType } from "../src/domain";
import { exportDocumentArb, sampleInvoice } from "./export-arbitraries";

/** Sage 50's audit trail transaction template header, written out by hand. */
const HEADER = "Type,Account Reference,Nominal A/C Ref,Department Code,Date,Reference,Details,Net Amount,Tax Code,Tax Amount,Exchange Rate,Extra Reference,User Name,Project Refn,Cost Code Refn";

function parse(text: string): Array<Record<string, string>> {
  const result = Papa.parse<Record<string, string>>(text, { header: true, newline: "\r\n", skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

describe("Sage 50 batch transaction export", () => {
  it("has the audit trail template's header, exactly", () => {
    expect(sageBatchTransactionCsv([sampleInvoice()]).split("\r\n")[0]).toBe(HEADER);
    expect(SAGE_BATCH_TRANSACTION_HEADER.join(",")).toBe(HEADER);
  });

  it("reads back to the invoice's values, dates day first and amounts in two decimals", () => {
    const text = sageBatchTransactionCsv([sampleInvoice()], { departmentCode: "3" });
    const rows = parse(text);
    expect(rows).toEqual([
      {
        Type: "SI", "Account Reference": "ACME01", "Nominal A/C Ref": "200", "Department Code": "3", Date: "01/04/2026",
        Reference: "INV-0042", Details: "Voice UK Mobile, March 2026", "Net Amount": "150.00", "Tax Code": "20% (VAT on Income)",
        "Tax Amount": "30.00", "Exchange Rate": "", "Extra Reference": "March 2026", "User Name": "", "Project Refn": "", "Cost Code Refn": "",
      },
      expect.objectContaining({ "Nominal A/C Ref": "201", "Net Amount": "1.34", "Tax Amount": "0.27" }),
    ]);
    // The details hold a comma, so they are quoted.
    expect(text).toContain(',"Voice UK Mobile, March 2026",');
  });

  it("gives invoices, debit notes and credit notes their types on each ledger", () => {
    expect(sageTransactionType({ side: InvoiceSide.RECEIVABLE, kind: "INVOICE" })).toBe("SI");
    expect(sageTransactionType({ side: InvoiceSide.RECEIVABLE, kind: "DEBIT_NOTE" })).toBe("SI");
    expect(sageTransactionType({ side: InvoiceSide.RECEIVABLE, kind: "CREDIT_NOTE" })).toBe("SC");
    expect(sageTransactionType({ side: InvoiceSide.PAYABLE, kind: "INVOICE" })).toBe("PI");
    expect(sageTransactionType({ side: InvoiceSide.PAYABLE, kind: "CREDIT_NOTE" })).toBe("PC");
    const rows = parse(sageBatchTransactionCsv([sampleInvoice({ side: InvoiceSide.PAYABLE, kind: "CREDIT_NOTE" })]));
    expect(rows.map((r) => [r.Type, r["Net Amount"]])).toEqual([["PC", "150.00"], ["PC", "1.34"]]);
  });

  it("cuts details to 60 characters and refuses references Sage would cut", () => {
    const long = "x".repeat(80);
    const doc = sampleInvoice();
    const rows = parse(sageBatchTransactionCsv([{ ...doc, lines: doc.lines.map((l) => ({ ...l, description: long })) }]));
    expect(rows[0].Details).toBe("x".repeat(60));
    expect(() => sageBatchTransactionCsv([sampleInvoice({ accountReference: "TOOLONGREF" })])).toThrow(/Account Reference/);
    expect(() => sageBatchTransactionCsv([sampleInvoice({ accountReference: "" })])).toThrow(/account reference/);
    expect(() => sageBatchTransactionCsv([sampleInvoice({ number: "N".repeat(31) })])).toThrow(/Reference/);
  });

  it("refuses amounts with more than two decimals", () => {
    const doc = sampleInvoice({ currency: "KWD", net: new Decimal("151.345") });
    doc.lines = [doc.lines[0], { ...doc.lines[1], net: new Decimal("1.345") }];
    expect(() => sageBatchTransactionCsv([doc])).toThrow(/2 decimals/);
  });

  it("posts each document's net and tax exactly, positive, under its type", () => {
    fc.assert(fc.property(fc.uniqueArray(exportDocumentArb, { selector: (d) => d.number, maxLength: 5 }), (documents) => {
      const rows = parse(sageBatchTransactionCsv(documents));
      expect(rows).toHaveLength(documents.reduce((n, d) => n + d.lines.length, 0));
      for (const document of documents) {
        const own = rows.filter((r) => r.Reference === document.number);
        expect(new Set(own.map((r) => r.Type))).toEqual(new Set([sageTransactionType(document)]));
        const net = own.reduce((sum, r) => sum.plus(r["Net Amount"]), new Decimal(0));
        const tax = own.reduce((sum, r) => sum.plus(r["Tax Amount"]), new Decimal(0));
        expect(net.equals(document.net)).toBe(true);
        expect(tax.equals(document.tax)).toBe(true);
        for (const r of own) expect(r["Net Amount"]).toMatch(/^-?\d+\.\d{2}$/);
      }
    }), { numRuns: 300 });
  });
});
