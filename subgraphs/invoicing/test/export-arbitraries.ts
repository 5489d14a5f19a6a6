import fc from "fast-check";
import { Decimal } from "@intersettle/shared";
import { InvoiceSide, type DocumentKind, type ExportDocument, type ExportLine } from "../src/domain";

/** A line in cents; about half are rated so that quantity x rate is exactly the net, the rest rounded. */
const lineArb: fc.Arbitrary<ExportLine> = fc
  .record({
    netCents: fc.integer({ min: -500_000, max: 5_000_000 }),
    taxCents: fc.integer({ min: -100_000, max: 1_000_000 }),
    quantity: fc.integer({ min: 0, max: 100_000 }),
    rateMicros: fc.integer({ min: 1, max: 200_000 }),
    exact: fc.boolean(),
    description: fc.string({ maxLength: 30 }),
  })
  .map(({ netCents, taxCents, quantity, rateMicros, exact, description }) => {
    const rate = new Decimal(rateMicros).dividedBy(1_000_000);
    const net = exact ? rate.times(quantity).toDecimalPlaces(2, Decimal.ROUND_DOWN) : new Decimal(netCents).dividedBy(100);
    // An exact line: the unit amount that gives the net (when it has few enough decimals to be exact).
    const unitAmount = exact && quantity > 0 ? net.dividedBy(quantity) : rate;
    return {
      description, quantity: new Decimal(quantity), unitAmount, net, tax: new Decimal(taxCents).dividedBy(100),
      accountCode: "200", taxCode: "20% (VAT on Income)",
    };
  });

export const exportDocumentArb: fc.Arbitrary<ExportDocument> = fc
  .record({
    side: fc.constantFrom(InvoiceSide.RECEIVABLE, InvoiceSide.PAYABLE),
    kind: fc.constantFrom<DocumentKind>("INVOICE", "DEBIT_NOTE", "CREDIT_NOTE"),
    number: fc.stringMatching(/^[A-Z]{2,3}-[0-9]{1,6}$/),
    contactName: fc.string({ minLength: 1, maxLength: 40 }),
    lines: fc.array(lineArb, { minLength: 1, maxLength: 8 }),
  })
  .map(({ lines, ...rest }) => ({
    ...rest,
    billingEmail: "billing@partner.example",
    accountReference: "PART01",
    issueDate: "2026-04-01",
    dueDate: "2026-05-01",
    currency: "GBP",
    net: lines.reduce((sum, line) => sum.plus(line.net), new Decimal(0)),
    tax: lines.reduce((sum, line) => sum.plus(line.tax), new Decimal(0)),
    lines,
  }));

/** A receivable invoice with a contact name that needs quoting. */
export function sampleInvoice(overrides: Partial<ExportDocument> = {}): ExportDocument {
  const lines: ExportLine[] = [
    { description: "Voice UK Mobile, March 2026", quantity: new Decimal(12000), unitAmount: new Decimal("0.0125"), net: new Decimal("150.00"), tax: new Decimal("30.00"), accountCode: "200", taxCode: "20% (VAT on Income)" },
    { description: "SMS France, March 2026", quantity: new Decimal(333), unitAmount: new Decimal("0.00401"), net: new Decimal("1.34"), tax: new Decimal("0.27"), accountCode: "201", taxCode: "20% (VAT on Income)" },
  ];
  return {
    side: InvoiceSide.RECEIVABLE, kind: "INVOICE", number: "INV-0042", contactName: 'Acme Telecom, "Wholesale" Ltd',
    billingEmail: "ap@acme.example", accountReference: "ACME01", reference: "March 2026", issueDate: "2026-04-01",
    dueDate: "2026-05-01", currency: "GBP", net: new Decimal("151.34"), tax: new Decimal("30.27"), lines, ...overrides,
  };
}
