import fc from "fast-check";
import { Decimal, RoundingMode } from "@intersettle/shared";
import { InvoiceLineKind, InvoiceSide, invoiceTotals, RoundingScope, UsageUnit, type InvoiceLine, type SettlementTerms } from "../src/domain";
import { assertNoFloat, MARCH, termsArb } from "./invoice-arbitraries";

const d = (v: string | number) => new Decimal(v);

const lineOf = (net: Decimal, currency = "EUR", exchangeRate: Decimal | null = null, usageCurrency = currency): InvoiceLine => ({
  side: InvoiceSide.RECEIVABLE, period: MARCH, kind: InvoiceLineKind.USAGE, currency, exchangeRate, net,
  usage: { service: "VOICE", destination: "France", prefix: "33", rate: d("0.01"), rateVersion: 1, currency: usageCurrency, calls: 1, unit: UsageUnit.SECOND, quantity: 60, amount: net, exactAmount: net },
});

const terms: SettlementTerms = {
  currency: "EUR", taxRatePercent: d("19"), paymentTermsDays: 14, timezone: "Europe/Berlin",
  rounding: { decimals: 2, mode: RoundingMode.HALF_UP, scope: RoundingScope.PER_INVOICE_LINE },
};

describe("invoiceTotals", () => {
  it("taxes the invoice net once, not line by line", () => {
    // Per line, 19 % of 0.13 is 0.0247, rounded 0.02, three times 0.06; on the net of 0.39 it is 0.0741, so 0.07.
    const totals = invoiceTotals([lineOf(d("0.13")), lineOf(d("0.13")), lineOf(d("0.13"))], terms);
    expect([totals.net.toFixed(), totals.tax.toFixed(), totals.gross.toFixed()]).toEqual(["0.39", "0.07", "0.46"]);
  });

  it("lists each exchange rate used once, for the invoice header", () => {
    const rate = d("0.92");
    const totals = invoiceTotals([lineOf(d("1"), "EUR", rate, "USD"), lineOf(d("2"), "EUR", d("0.920"), "USD"), lineOf(d("3"))], terms);
    expect(totals.exchangeRates).toEqual([{ from: "USD", to: "EUR", rate }]);
  });

  it("refuses a line in another currency", () => {
    expect(() => invoiceTotals([lineOf(d("1"), "USD")], terms)).toThrow(RangeError);
  });

  it("nets add up exactly and gross is net plus tax, for any lines and terms (property)", () => {
    const netArb = fc.integer({ min: -10_000_000, max: 10_000_000 });
    fc.assert(fc.property(termsArb, fc.array(netArb, { maxLength: 30 }), (t, cents) => {
      const nets = cents.map((c) => d(c).dividedBy(new Decimal(10).pow(t.rounding.decimals)));
      const totals = invoiceTotals(nets.map((n) => lineOf(n, t.currency)), t);
      expect(totals.net.equals(nets.reduce((a, b) => a.plus(b), d(0)))).toBe(true);
      expect(totals.gross.minus(totals.tax).equals(totals.net)).toBe(true);
      expect(totals.tax.decimalPlaces()).toBeLessThanOrEqual(t.rounding.decimals);
      // The tax is the rate applied to the net, off by less than one unit of the last decimal.
      expect(totals.tax.minus(totals.net.times(t.taxRatePercent).dividedBy(100)).abs().lessThan(d(1).dividedBy(new Decimal(10).pow(t.rounding.decimals)))).toBe(true);
      assertNoFloat(totals);
    }));
  });
});
