import fc from "fast-check";
import Papa from "papaparse";
import { Decimal } from "@intersettle/shared";
import {
  InvoiceSide, XERO_BILL_HEADER, XERO_SALES_INVOICE_HEADER, xeroBillCsv, xeroSalesInvoiceCsv, type ExportDocument,
} from "../src/domain";
import { exportDocumentArb, sampleInvoice } from "./export-arbitraries";

/** Xero's templates as downloaded, written out by hand so that a slip in the code cannot hide itself. */
const SALES_HEADER = "*ContactName,EmailAddress,POAddressLine1,POAddressLine2,POAddressLine3,POAddressLine4,POCity,PORegion,POPostalCode,POCountry,*InvoiceNumber,Reference,*InvoiceDate,*DueDate,Total,InventoryItemCode,*Description,*Quantity,*UnitAmount,Discount,*AccountCode,*TaxType,TaxAmount,TrackingName1,TrackingOption1,TrackingName2,TrackingOption2,Currency,BrandingTheme";
const BILL_HEADER = "*ContactName,EmailAddress,POAddressLine1,POAddressLine2,POAddressLine3,POAddressLine4,POCity,PORegion,POPostalCode,POCountry,*InvoiceNumber,*InvoiceDate,*DueDate,Total,InventoryItemCode,Description,*Quantity,*UnitAmount,*AccountCode,*TaxType,TaxAmount,TrackingName1,TrackingOption1,TrackingName2,TrackingOption2,Currency";

function parse(text: string): Array<Record<string, string>> {
  const result = Papa.parse<Record<string, string>>(text, { header: true, newline: "\r\n", skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

const DAY_FIRST = { dateOrder: "DAY_FIRST" } as const;

describe("Xero sales invoice export", () => {
  it("has Xero's sales invoice header, exactly", () => {
    const text = xeroSalesInvoiceCsv([sampleInvoice()], DAY_FIRST);
    expect(text.split("\r\n")[0]).toBe(SALES_HEADER);
    expect(XERO_SALES_INVOICE_HEADER.join(",")).toBe(SALES_HEADER);
  });

  it("reads back to the invoice's values, a quoted contact name included", () => {
    const text = xeroSalesInvoiceCsv([sampleInvoice()], DAY_FIRST);
    expect(text.split("\r\n")[1].startsWith('"Acme Telecom, ""Wholesale"" Ltd",ap@acme.example,')).toBe(true);
    const rows = parse(text);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      "*ContactName": 'Acme Telecom, "Wholesale" Ltd', EmailAddress: "ap@acme.example", "*InvoiceNumber": "INV-0042",
      Reference: "March 2026", "*InvoiceDate": "01/04/2026", "*DueDate": "01/05/2026", Total: "",
      "*Description": "Voice UK Mobile, March 2026", "*Quantity": "12000", "*UnitAmount": "0.0125",
      "*AccountCode": "200", "*TaxType": "20% (VAT on Income)", TaxAmount: "30", Currency: "GBP",
    });
    // 333 x 0.00401 is 1.33533, not the 1.34 printed: Xero gets the printed net as one unit.
    expect(rows[1]).toMatchObject({ "*Quantity": "1", "*UnitAmount": "1.34", TaxAmount: "0.27", "*AccountCode": "201" });
  });

  it("writes month-first dates for a month-first organisation", () => {
    const rows = parse(xeroSalesInvoiceCsv([sampleInvoice({ issueDate: "2026-04-07" })], { dateOrder: "MONTH_FIRST" }));
    expect(rows[0]["*InvoiceDate"]).toBe("04/07/2026");
  });

  it("imports a credit note as an invoice with negative amounts", () => {
    const rows = parse(xeroSalesInvoiceCsv([sampleInvoice({ kind: "CREDIT_NOTE", number: "CN-0007" })], DAY_FIRST));
    expect(rows.map((r) => [r["*Quantity"], r["*UnitAmount"], r.TaxAmount])).toEqual([["12000", "-0.0125", "-30"], ["1", "-1.34", "-0.27"]]);
  });

  it("refuses a payable document, and lines that do not add up to the invoice", () => {
    expect(() => xeroSalesInvoiceCsv([sampleInvoice({ side: InvoiceSide.PAYABLE })], DAY_FIRST)).toThrow(RangeError);
    expect(() => xeroSalesInvoiceCsv([sampleInvoice({ net: new Decimal("151.35") })], DAY_FIRST)).toThrow(/net/);
    expect(() => xeroSalesInvoiceCsv([sampleInvoice({ tax: new Decimal("30.28") })], DAY_FIRST)).toThrow(/tax/);
    expect(() => xeroSalesInvoiceCsv([sampleInvoice({ dueDate: "01/05/2026" })], DAY_FIRST)).toThrow(/date/);
  });
});

describe("Xero bill export", () => {
  const bill = sampleInvoice({ side: InvoiceSide.PAYABLE, number: "VEND-991" });

  it("has Xero's bill header, exactly", () => {
    expect(xeroBillCsv([bill], DAY_FIRST).split("\r\n")[0]).toBe(BILL_HEADER);
    expect(XERO_BILL_HEADER.join(",")).toBe(BILL_HEADER);
  });

  it("reads back to the bill's values", () => {
    const rows = parse(xeroBillCsv([bill], DAY_FIRST));
    expect(rows[0]).toMatchObject({
      "*ContactName": 'Acme Telecom, "Wholesale" Ltd', "*InvoiceNumber": "VEND-991", "*InvoiceDate": "01/04/2026",
      Description: "Voice UK Mobile, March 2026", "*Quantity": "12000", "*UnitAmount": "0.0125", TaxAmount: "30",
    });
  });

  it("refuses a receivable document", () => {
    expect(() => xeroBillCsv([sampleInvoice()], DAY_FIRST)).toThrow(RangeError);
  });
});

describe("Xero export properties", () => {
  /** What Xero will book for a row: Quantity x UnitAmount, and the tax given. */
  function bookedTotals(documents: ExportDocument[]) {
    const receivable = documents.filter((d) => d.side === InvoiceSide.RECEIVABLE);
    const payable = documents.filter((d) => d.side === InvoiceSide.PAYABLE);
    const rows = [
      ...(receivable.length ? parse(xeroSalesInvoiceCsv(receivable, DAY_FIRST)) : []),
      ...(payable.length ? parse(xeroBillCsv(payable, DAY_FIRST)) : []),
    ];
    const totals = new Map<string, { net: Decimal; tax: Decimal }>();
    for (const row of rows) {
      const t = totals.get(row["*InvoiceNumber"]) ?? { net: new Decimal(0), tax: new Decimal(0) };
      totals.set(row["*InvoiceNumber"], {
        net: t.net.plus(new Decimal(row["*Quantity"]).times(row["*UnitAmount"])), tax: t.tax.plus(row.TaxAmount),
      });
    }
    return { rows, totals };
  }

  it("books each document's net and tax exactly, negated on a credit note, in at most four decimals a field", () => {
    fc.assert(fc.property(fc.uniqueArray(exportDocumentArb, { selector: (d) => d.number, maxLength: 5 }), (documents) => {
      const { rows, totals } = bookedTotals(documents);
      expect(rows).toHaveLength(documents.reduce((n, d) => n + d.lines.length, 0));
      for (const document of documents) {
        const sign = document.kind === "CREDIT_NOTE" ? -1 : 1;
        const booked = totals.get(document.number)!;
        expect(booked.net.equals(document.net.times(sign))).toBe(true);
        expect(booked.tax.equals(document.tax.times(sign))).toBe(true);
      }
      for (const row of rows) {
        for (const field of [row["*Quantity"], row["*UnitAmount"], row.TaxAmount]) {
          expect(field).toMatch(/^-?\d+(\.\d{1,4})?$/);
        }
      }
    }), { numRuns: 300 });
  });
});
