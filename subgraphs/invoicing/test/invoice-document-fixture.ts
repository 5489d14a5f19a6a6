import { Decimal, roundMoney, RoundingMode } from "@intersettle/shared";
import { InvoiceSide, type InvoiceDocument, type InvoiceDocumentLine } from "../src/domain";

const d = (v: string | number) => new Decimal(v);

export const PARTNER_NAME = "Türk Telekom / Ростелеком 中国电信";

/** `count` lines in EUR, every fifth rated in USD and converted, nets from 12.34 up by 1.01 each. */
export function documentLines(count: number): InvoiceDocumentLine[] {
  return Array.from({ length: count }, (_, i) => {
    const usd = i % 5 === 4;
    return {
      description: "Voice termination",
      destination: `Destination ${i + 1} Mobile`,
      service: "VOICE",
      calls: 1000 + i,
      quantity: `${(12_345 + i).toLocaleString("en-US")}.50 min`,
      rate: d("0.0125"),
      rateCurrency: usd ? "USD" : "EUR",
      exchangeRate: usd ? d("0.92") : null,
      net: d("12.34").plus(d("1.01").times(i)),
    };
  });
}

/** A consistent receivable invoice of `count` lines (net, 19 % tax and gross worked out), with any fields replaced. */
export function invoiceDocument(count = 3, overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  const lines = overrides.lines ?? documentLines(count);
  const net = lines.reduce((sum, line) => sum.plus(line.net), d(0));
  const tax = roundMoney(net.times(19).dividedBy(100), { decimals: 2, mode: RoundingMode.HALF_UP });
  return {
    kind: "INVOICE",
    side: InvoiceSide.RECEIVABLE,
    number: "INV-2026-000123",
    issueDate: "2026-04-01",
    dueDate: "2026-04-15",
    period: { from: "2026-03-01", to: "2026-03-31" },
    timezone: "Europe/Berlin",
    currency: "EUR",
    issuer: { name: "Intersettle Carrier Services GmbH", addressLines: ["Friedrichstraße 1", "10117 Berlin", "Germany"], taxId: "DE123456789", email: "billing@intersettle.example" },
    recipient: { name: PARTNER_NAME, addressLines: ["Büyükdere Cad. 1", "İstanbul", "Türkiye"], taxId: "TR1234567890" },
    lines,
    net,
    taxRatePercent: d(19),
    tax,
    gross: net.plus(tax),
    exchangeRates: lines.some((line) => line.exchangeRate) ? [{ from: "USD", to: "EUR", rate: d("0.92") }] : [],
    paymentDetails: ["Deutsche Bank AG", "IBAN DE89 3704 0044 0532 0130 00", "SWIFT DEUTDEDBXXX", "Reference INV-2026-000123"],
    notes: "Disputes within 30 days of the issue date, please.",
    ...overrides,
  };
}
