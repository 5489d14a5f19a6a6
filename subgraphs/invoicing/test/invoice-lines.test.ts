import fc from "fast-check";
import { Decimal, roundMoney, RoundingMode } from "@intersettle/shared";
import {
  billingRun, exchangeRateTable, InvoiceLineKind, invoiceLinesToAdd, InvoiceSide, MissingExchangeRateError, RoundingScope,
  UsageUnit, usageKey, type InvoiceLine, type SettlementTerms, type UsageLine,
} from "../src/domain";
import { APRIL, assertNoFloat, lookupOf, MARCH, ratesArb, termsArb, trafficArb, usageOf, type Traffic } from "./invoice-arbitraries";

const d = (v: string) => new Decimal(v);
const noRates = () => undefined;

const terms = (over: Partial<SettlementTerms> = {}): SettlementTerms => ({
  currency: "EUR", taxRatePercent: d("20"), paymentTermsDays: 30, timezone: "Europe/Berlin",
  rounding: { decimals: 2, mode: RoundingMode.HALF_UP, scope: RoundingScope.PER_INVOICE_LINE }, ...over,
});

const voice = (over: Partial<UsageLine> = {}): UsageLine => ({
  service: "VOICE", destination: "UK Mobile", prefix: "447", rate: d("0.0125"), rateVersion: 1, currency: "EUR",
  calls: 3, unit: UsageUnit.SECOND, quantity: 600, amount: d("0.126"), exactAmount: d("0.125"), ...over,
});

const sum = (xs: Decimal[]) => xs.reduce((a, b) => a.plus(b), d("0"));

describe("invoiceLinesToAdd (examples)", () => {
  it("rounds the exact amount once per line under PER_INVOICE_LINE, and takes the per-CDR sum under PER_CDR", () => {
    const usage = [voice({ amount: d("0.13"), exactAmount: d("0.125") })];
    const perLine = invoiceLinesToAdd({ terms: terms(), side: InvoiceSide.RECEIVABLE, period: MARCH, usage, exchangeRate: noRates, invoiced: [] });
    expect(perLine).toHaveLength(1);
    expect(perLine[0]).toMatchObject({ kind: InvoiceLineKind.USAGE, currency: "EUR", exchangeRate: null, period: MARCH });
    expect(perLine[0].net.toFixed()).toBe("0.13");
    const rule = { decimals: 2, mode: RoundingMode.HALF_EVEN, scope: RoundingScope.PER_INVOICE_LINE };
    const halfEven = invoiceLinesToAdd({ terms: terms({ rounding: rule }), side: InvoiceSide.RECEIVABLE, period: MARCH, usage, exchangeRate: noRates, invoiced: [] });
    expect(halfEven[0].net.toFixed()).toBe("0.12");
    const perCdr = invoiceLinesToAdd({ terms: terms({ rounding: { ...rule, scope: RoundingScope.PER_CDR } }), side: InvoiceSide.RECEIVABLE, period: MARCH, usage, exchangeRate: noRates, invoiced: [] });
    expect(perCdr[0].net.toFixed()).toBe("0.13");
  });

  it("converts usage in another currency at the looked-up rate, records it and rounds once", () => {
    const usage = [voice({ currency: "USD", amount: d("100.00"), exactAmount: d("99.996") })];
    const run = billingRun({ terms: terms(), side: InvoiceSide.PAYABLE, period: MARCH, usage, exchangeRate: exchangeRateTable({ "EUR/USD": d("1.08") }), invoiced: [] });
    const [line] = run.lines;
    expect(line.exchangeRate!.toFixed()).toBe(d("1").dividedBy("1.08").toFixed());
    expect(line.net.toFixed()).toBe("92.59"); // 99.996 / 1.08 = 92.5888…
    expect(run.totals.exchangeRates).toEqual([{ from: "USD", to: "EUR", rate: line.exchangeRate }]);
    expect(run.totals.tax.toFixed()).toBe("18.52");
    expect(run.totals.gross.toFixed()).toBe("111.11");
  });

  it("stops the run when no rate is known rather than bill part of the period", () => {
    const usage = [voice(), voice({ currency: "JPY", destination: "Japan", prefix: "81" })];
    expect(() => invoiceLinesToAdd({ terms: terms(), side: InvoiceSide.RECEIVABLE, period: MARCH, usage, exchangeRate: noRates, invoiced: [] }))
      .toThrow(MissingExchangeRateError);
  });

  it("bills a late CDR as an adjustment of its period, for exactly what it adds", () => {
    const first = invoiceLinesToAdd({ terms: terms(), side: InvoiceSide.RECEIVABLE, period: MARCH, usage: [voice()], exchangeRate: noRates, invoiced: [] });
    const late = voice({ calls: 4, quantity: 660, amount: d("0.14"), exactAmount: d("0.1375") });
    const [adjustment] = invoiceLinesToAdd({ terms: terms(), side: InvoiceSide.RECEIVABLE, period: MARCH, usage: [late], exchangeRate: noRates, invoiced: first });
    expect(adjustment).toMatchObject({ kind: InvoiceLineKind.ADJUSTMENT, period: MARCH });
    expect(adjustment.usage).toMatchObject({ calls: 1, quantity: 60 });
    expect(adjustment.usage.exactAmount.toFixed()).toBe("0.0125");
    expect(adjustment.net.toFixed()).toBe("0.01"); // round(0.1375) - round(0.125) = 0.14 - 0.13
  });

  it("credits a key that re-rating took away, and marks new usage in an invoiced period as late", () => {
    const first = invoiceLinesToAdd({ terms: terms(), side: InvoiceSide.RECEIVABLE, period: MARCH, usage: [voice()], exchangeRate: noRates, invoiced: [] });
    const rerated = voice({ rate: d("0.0100"), amount: d("0.10"), exactAmount: d("0.10") });
    const lines = invoiceLinesToAdd({ terms: terms(), side: InvoiceSide.RECEIVABLE, period: MARCH, usage: [rerated], exchangeRate: noRates, invoiced: first });
    expect(lines.map((l) => [l.kind, l.usage.rate.toFixed(), l.usage.calls, l.net.toFixed()]).sort()).toEqual([
      [InvoiceLineKind.ADJUSTMENT, "0.01", 3, "0.1"],
      [InvoiceLineKind.ADJUSTMENT, "0.0125", -3, "-0.13"],
    ]);
  });

  it("treats usage arriving in a period invoiced without lines as late when told so", () => {
    const input = { terms: terms(), side: InvoiceSide.RECEIVABLE, period: MARCH, usage: [voice()], exchangeRate: noRates, invoiced: [] };
    expect(invoiceLinesToAdd({ ...input, periodInvoiced: true })[0].kind).toBe(InvoiceLineKind.ADJUSTMENT);
    expect(invoiceLinesToAdd(input)[0].kind).toBe(InvoiceLineKind.USAGE);
  });

  it("ignores lines of the other side and of other periods", () => {
    const payable = invoiceLinesToAdd({ terms: terms(), side: InvoiceSide.PAYABLE, period: MARCH, usage: [voice()], exchangeRate: noRates, invoiced: [] });
    const april = invoiceLinesToAdd({ terms: terms(), side: InvoiceSide.RECEIVABLE, period: APRIL, usage: [voice()], exchangeRate: noRates, invoiced: [] });
    const march = invoiceLinesToAdd({ terms: terms(), side: InvoiceSide.RECEIVABLE, period: MARCH, usage: [voice()], exchangeRate: noRates, invoiced: [...payable, ...april] });
    expect(march).toHaveLength(1);
    expect(march[0].kind).toBe(InvoiceLineKind.USAGE);
  });

  it("refuses to adjust a period invoiced in another currency", () => {
    const first = invoiceLinesToAdd({ terms: terms(), side: InvoiceSide.RECEIVABLE, period: MARCH, usage: [voice()], exchangeRate: noRates, invoiced: [] });
    const input = { terms: terms({ currency: "USD" }), side: InvoiceSide.RECEIVABLE, period: MARCH, usage: [voice()], exchangeRate: exchangeRateTable({ "EUR/USD": d("1.1") }), invoiced: first };
    expect(() => invoiceLinesToAdd(input)).toThrow(/invoiced in EUR/);
  });

  it("refuses usage with fractional or negative counts", () => {
    const input = { terms: terms(), side: InvoiceSide.RECEIVABLE, period: MARCH, exchangeRate: noRates, invoiced: [] };
    expect(() => invoiceLinesToAdd({ ...input, usage: [voice({ quantity: 1.5 })] })).toThrow(RangeError);
    expect(() => invoiceLinesToAdd({ ...input, usage: [voice({ calls: -1 })] })).toThrow(RangeError);
  });
});

describe("invoiceLinesToAdd (properties)", () => {
  const side = InvoiceSide.RECEIVABLE;

  /** What the partner owes for each key of `usage` billed from scratch: one rounding of the whole key. */
  function freshNets(usage: UsageLine[], t: SettlementTerms, rates: Record<string, Decimal>): Map<string, Decimal> {
    const exact = new Map<string, Decimal>();
    for (const u of usage) {
      const basis = t.rounding.scope === RoundingScope.PER_CDR ? u.amount : u.exactAmount;
      const rate = u.currency === t.currency ? d("1") : rates[`${u.currency}/${t.currency}`];
      exact.set(usageKey(u), (exact.get(usageKey(u)) ?? d("0")).plus(basis.times(rate)));
    }
    return new Map([...exact].map(([k, v]) => [k, roundMoney(v, t.rounding)]));
  }

  function netsByKey(lines: InvoiceLine[]): Map<string, Decimal> {
    const nets = new Map<string, Decimal>();
    for (const l of lines) nets.set(usageKey(l.usage), (nets.get(usageKey(l.usage)) ?? d("0")).plus(l.net));
    return nets;
  }

  function sameNets(actual: Map<string, Decimal>, expected: Map<string, Decimal>): void {
    for (const key of new Set([...actual.keys(), ...expected.keys()])) {
      expect([key, (actual.get(key) ?? d("0")).toFixed()]).toEqual([key, (expected.get(key) ?? d("0")).toFixed()]);
    }
  }

  it("bills each key's usage once, rounded once, with the rate recorded; totals add up exactly; no float", () => {
    fc.assert(fc.property(termsArb, trafficArb, ratesArb, (t, traffic, rates) => {
      const usage = usageOf(traffic, t.rounding);
      const { lines, totals } = billingRun({ terms: t, side, period: MARCH, usage, exchangeRate: lookupOf(rates), invoiced: [] });
      sameNets(netsByKey(lines), freshNets(usage, t, rates));
      for (const l of lines) {
        expect(l.kind).toBe(InvoiceLineKind.USAGE);
        expect(l.net.decimalPlaces()).toBeLessThanOrEqual(t.rounding.decimals);
        expect(l.exchangeRate).toEqual(l.usage.currency === t.currency ? null : rates[`${l.usage.currency}/${t.currency}`]);
      }
      expect(totals.net.equals(sum(lines.map((l) => l.net)))).toBe(true);
      expect(totals.gross.equals(totals.net.plus(totals.tax))).toBe(true);
      expect(totals.tax.equals(roundMoney(totals.net.times(t.taxRatePercent).dividedBy(100), t.rounding))).toBe(true);
      assertNoFloat({ lines, totals });
    }));
  });

  it("under PER_CDR, a line in the invoice currency is exactly the sum of the per-CDR rounded amounts", () => {
    fc.assert(fc.property(termsArb, trafficArb, (t, traffic) => {
      const rule = { ...t.rounding, scope: RoundingScope.PER_CDR };
      const usage = usageOf(traffic, rule).map((u) => ({ ...u, currency: t.currency }));
      const lines = invoiceLinesToAdd({ terms: { ...t, rounding: rule }, side, period: MARCH, usage, exchangeRate: noRates, invoiced: [] });
      for (const l of lines) {
        const perCdr = sum(usage.filter((u) => usageKey(u) === usageKey(l.usage)).map((u) => u.amount));
        expect(l.net.toFixed()).toBe(perCdr.toFixed());
      }
    }));
  });

  it("is idempotent: re-running with its own output already invoiced adds nothing", () => {
    fc.assert(fc.property(termsArb, trafficArb, ratesArb, (t, traffic, rates) => {
      const input = { terms: t, side, period: MARCH, usage: usageOf(traffic, t.rounding), exchangeRate: lookupOf(rates), invoiced: [] as InvoiceLine[] };
      const first = invoiceLinesToAdd(input);
      expect(invoiceLinesToAdd({ ...input, invoiced: first })).toEqual([]);
    }));
  });

  it("after usage grows or shrinks, the adjustments add exactly the difference, and every key totals what it owes", () => {
    fc.assert(fc.property(termsArb, fc.array(trafficArb, { minLength: 2, maxLength: 4 }), ratesArb, (t, snapshots, rates) => {
      let invoiced: InvoiceLine[] = [];
      let previous = new Map<string, Decimal>();
      snapshots.forEach((traffic: Traffic) => {
        const usage = usageOf(traffic, t.rounding);
        const added = invoiceLinesToAdd({ terms: t, side, period: MARCH, usage, exchangeRate: lookupOf(rates), invoiced });
        const owed = freshNets(usage, t, rates);
        // The run adds, per key, what is owed now less what was owed before: never lost, never billed twice.
        const difference = new Map([...new Set([...owed.keys(), ...previous.keys()])].map((k) => [k, (owed.get(k) ?? d("0")).minus(previous.get(k) ?? d("0"))]));
        sameNets(netsByKey(added), new Map([...difference].filter(([, v]) => !v.isZero())));
        for (const l of added) expect(l.kind).toBe(invoiced.length > 0 ? InvoiceLineKind.ADJUSTMENT : InvoiceLineKind.USAGE);
        invoiced = [...invoiced, ...added];
        sameNets(netsByKey(invoiced), owed);
        previous = owed;
      });
    }));
  });

  it("keeps invoiced usage at the rate it was billed at: only the change takes the new rate", () => {
    fc.assert(fc.property(termsArb, trafficArb, trafficArb, ratesArb, ratesArb, (t, before, after, rates1, rates2) => {
      const first = invoiceLinesToAdd({ terms: t, side, period: MARCH, usage: usageOf(before, t.rounding), exchangeRate: lookupOf(rates1), invoiced: [] });
      const second = invoiceLinesToAdd({ terms: t, side, period: MARCH, usage: usageOf(after, t.rounding), exchangeRate: lookupOf(rates2), invoiced: first });
      for (const l of second) expect(l.exchangeRate).toEqual(l.usage.currency === t.currency ? null : rates2[`${l.usage.currency}/${t.currency}`]);
      // Each key ends at one rounding of its usage, each part converted at the rate of the run that billed it.
      const exact = new Map<string, Decimal>();
      for (const l of [...first, ...second]) {
        const basis = t.rounding.scope === RoundingScope.PER_CDR ? l.usage.amount : l.usage.exactAmount;
        exact.set(usageKey(l.usage), (exact.get(usageKey(l.usage)) ?? d("0")).plus(basis.times(l.exchangeRate ?? 1)));
      }
      sameNets(netsByKey([...first, ...second]), new Map([...exact].map(([k, v]) => [k, roundMoney(v, t.rounding)])));
      expect(invoiceLinesToAdd({ terms: t, side, period: MARCH, usage: usageOf(after, t.rounding), exchangeRate: lookupOf(rates1), invoiced: [...first, ...second] })).toEqual([]);
    }));
  });

  it("produces no lines for a period without usage", () => {
    fc.assert(fc.property(termsArb, fc.array(fc.nat(3), { maxLength: 5 }), (t, keys) => {
      const silent = usageOf(keys.map((key) => ({ key, currency: 0, micros: 0, seconds: 0 })), t.rounding).map((u) => ({ ...u, calls: 0 }));
      const run = billingRun({ terms: t, side, period: MARCH, usage: silent, exchangeRate: noRates, invoiced: [] });
      expect(run.lines).toEqual([]);
      expect(run.totals.gross.isZero()).toBe(true);
    }));
  });
});
