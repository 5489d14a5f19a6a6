import { Decimal, printableText } from "@intersettle/shared";
import { amountInWords, formatAmountFigures, InvoiceSide } from "../src/domain";
import { renderInvoicePdf } from "../src/services/documents/invoice-pdf";
import { invoiceDocument } from "./invoice-document-fixture";
import { pdfPages } from "./pdf-text";

describe("renderInvoicePdf", () => {
  it("prints the number, both parties, the lines and the gross in figures and in words", async () => {
    const doc = invoiceDocument(6);
    const pdf = await renderInvoicePdf(doc);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength(1);
    const text = pages[0];

    expect(text).toContain("Invoice");
    expect(text).toContain("INV-2026-000123");
    expect(text).toContain("Intersettle Carrier Services GmbH");
    // The partner's name keeps its Latin-1 letters; Cyrillic and Chinese come out transliterated, not as stray glyphs.
    expect(text).toContain("Türk Telekom / Rostelekom Zhong Guo Dian Xin");
    expect(text).toContain("2026-03-01 to 2026-03-31");
    expect(text).toContain("Destination 6 Mobile");
    expect(text).toContain("1 USD = 0.92 EUR");
    expect(text).toContain(formatAmountFigures(doc.gross, "EUR"));
    expect(doc.gross.toFixed()).toBe("106.14");
    expect(text).toContain(amountInWords(doc.gross, "EUR"));
    expect(text).toContain("One hundred six euros and fourteen cents");
    expect(text).toContain("IBAN DE89 3704 0044 0532 0130 00");
    expect(text).toContain("Page 1 of 1");
  });

  it("runs hundreds of lines over several pages, every line printed once and the totals after the last", async () => {
    const doc = invoiceDocument(300);
    const pages = await pdfPages(await renderInvoicePdf(doc));
    expect(pages.length).toBeGreaterThanOrEqual(5);
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));
    const continued = pages.slice(1).filter((page) => /Destination \d+ Mobile/.test(page));
    expect(continued.length).toBeGreaterThanOrEqual(pages.length - 2);
    continued.forEach((page) => expect(page.startsWith("Invoice INV-2026-000123 (continued) Destination Service Calls Quantity Rate Net")).toBe(true));
    const all = pages.join(" ");
    for (let n = 1; n <= 300; n++) expect(all.match(new RegExp(`Destination ${n} Mobile`, "g"))).toHaveLength(1);
    expect(pages[pages.length - 1]).toContain(formatAmountFigures(doc.gross, "EUR"));
    expect(all).toContain(amountInWords(doc.gross, "EUR"));
  });

  it("titles a payable as the vendor's bill we expect, and a note with the invoice it corrects", async () => {
    const payable = invoiceDocument(2, {
      side: InvoiceSide.PAYABLE,
      issuer: { name: "Vendor Telecom SA", addressLines: ["Rue du Port 2", "Genève"] },
      recipient: { name: "Intersettle Carrier Services GmbH", addressLines: ["Berlin"] },
    });
    const [vendor] = await pdfPages(await renderInvoicePdf(payable));
    expect(vendor).toContain("Expected vendor invoice");
    expect(vendor).toContain("Our record of the invoice we expect from Vendor Telecom SA.");

    const note = invoiceDocument(1, { kind: "CREDIT_NOTE", number: "CN-2026-000007", corrects: "INV-2026-000123" });
    const [credit] = await pdfPages(await renderInvoicePdf(note));
    expect(credit).toContain("Credit note");
    expect(credit).toContain("Corrects invoice INV-2026-000123");
    expect(credit).toContain(`Total credited ${formatAmountFigures(note.gross, "EUR")}`);
  });

  it("refuses a document whose totals do not add up, naming the field", async () => {
    const doc = invoiceDocument(2);
    await expect(renderInvoicePdf({ ...doc, gross: doc.gross.plus(new Decimal("0.01")) })).rejects.toThrow(/^gross:/);
  });
});

describe("printableText", () => {
  it("keeps what the standard fonts draw and spells the rest in Latin letters", () => {
    expect(printableText("Zoë Müller – 100 € “quoted”")).toBe("Zoë Müller – 100 € “quoted”");
    expect(printableText("ПАО Ростелеком")).toBe("PAO Rostelekom");
    expect(printableText("Łódź İstanbul Şişli")).toBe("Lódz Istanbul Sisli");
    expect(printableText("call 😀 centre\tA\r\nB\u0000")).toBe("call ? centre A\nB?");
  });
});
