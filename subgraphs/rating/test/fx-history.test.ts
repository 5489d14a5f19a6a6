import fc from "fast-check";
import { FxHistory, type ExchangeRateRecord } from "@intersettle/shared";

const DAY_MS = 86_400_000;
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

describe("FxHistory", () => {
  it("uses each pair's latest rate effective on or before the day, and none before the first", () => {
    const history = new FxHistory([
      { base: "USD", quote: "EUR", rate: "0.9", effectiveDate: "2026-11-10" },
      { base: "USD", quote: "EUR", rate: "0.95", effectiveDate: "2026-11-01" },
      { base: "GBP", quote: "USD", rate: "1.27", effectiveDate: "2026-11-05" },
    ]);
    expect(history.on(dayOf("2026-10-31"))("USD", "EUR")).toBeUndefined();
    expect(history.on(dayOf("2026-11-01"))("USD", "EUR")?.toFixed()).toBe("0.95");
    expect(history.on(dayOf("2026-11-09"))("USD", "EUR")?.toFixed()).toBe("0.95");
    expect(history.on(dayOf("2026-11-10"))("USD", "EUR")?.toFixed()).toBe("0.9");
    expect(history.on(dayOf("2026-11-04"))("GBP", "USD")).toBeUndefined();
    expect(history.on(dayOf("2026-12-25"))("GBP", "USD")?.toFixed()).toBe("1.27");
  });

  it("agrees with a search of every record, whatever order the records come in", () => {
    const date = fc.integer({ min: 0, max: 40 }).map((d) => new Date(Date.UTC(2026, 10, 1) + d * DAY_MS).toISOString().slice(0, 10));
    const record = fc.record({ base: fc.constantFrom("USD", "EUR"), quote: fc.constantFrom("GBP", "INR"), rate: fc.integer({ min: 1, max: 999 }).map(String), effectiveDate: date });
    fc.assert(
      fc.property(fc.uniqueArray(record, { selector: (r) => `${r.base}${r.quote}${r.effectiveDate}`, maxLength: 12 }), date, (records: ExchangeRateRecord[], on) => {
        const lookup = new FxHistory(records).on(dayOf(on));
        for (const base of ["USD", "EUR"])
          for (const quote of ["GBP", "INR"]) {
            const latest = records.filter((r) => r.base === base && r.quote === quote && r.effectiveDate <= on).sort((a, b) => b.effectiveDate.localeCompare(a.effectiveDate))[0];
            expect(lookup(base, quote)?.toFixed()).toBe(latest?.rate);
          }
      }),
    );
  });
});
