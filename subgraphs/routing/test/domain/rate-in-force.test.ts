import fc from "fast-check";
import { buildRatingCard, Decimal, dialledDigits, rateInForce, rateUsage, RatedService, type RateRow } from "@intersettle/shared";
import { CardRates } from "../../src/domain/card-rates";

const BANDS = [
  { name: "PEAK", weekdays: [1, 2, 3, 4, 5], start: "08:00", end: "18:00" },
  { name: "NIGHT", weekdays: [1, 2, 3, 4, 5, 6, 7], start: "22:00", end: "06:00" },
];
const START = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
/** A few switch-over days, so rows' effective periods overlap, abut and leave gaps. */
const instant = fc.integer({ min: 0, max: 6 }).map((i) => new Date(START + i * 30 * DAY));

const row = fc
  .record({
    prefix: fc.string({ unit: fc.constantFrom("1", "2", "3"), minLength: 1, maxLength: 4 }),
    cents: fc.integer({ min: 1, max: 999 }),
    band: fc.constantFrom(null, null, "PEAK", "NIGHT"),
    from: instant,
    days: fc.option(fc.integer({ min: 1, max: 200 })),
  })
  .map(({ prefix, cents, band, from, days }): RateRow => ({
    prefix, destination: `D${prefix}`, rate: new Decimal(cents).dividedBy(1000), nextRate: new Decimal(cents).dividedBy(500), connectFee: new Decimal(0),
    initialInterval: 30, nextInterval: 6, gracePeriod: 0, timeBand: band, effectiveFrom: from, effectiveTo: days === null ? null : new Date(from.getTime() + days * DAY), version: cents,
  }));

const card = fc.record({ rows: fc.array(row, { maxLength: 25 }), banded: fc.boolean(), zone: fc.constantFrom("UTC", "Europe/London", "Asia/Tokyo", "America/New_York") });
const number = fc.string({ unit: fc.constantFrom("1", "2", "3", "4"), maxLength: 8 }).map((digits) => `+${digits}`);
const when = fc.integer({ min: START - 10 * DAY, max: START + 240 * DAY }).map((ms) => new Date(ms));

describe("rateInForce", () => {
  it("chooses exactly the row rateUsage starts pricing with: longest prefix in force, the band at the instant, else all-times", () => {
    fc.assert(
      fc.property(card, number, when, ({ rows, banded, zone }, dialled, at) => {
        const rating = buildRatingCard({ service: RatedService.VOICE, currency: "USD", timezone: zone, bands: banded ? BANDS : [] }, rows);
        const found = rateInForce(rating, dialledDigits(dialled), at);
        const rated = rateUsage(rating, dialled, at, 60);
        if ("unrated" in rated) return found === undefined;
        // Every row has its own Decimal: the same object means the same row.
        return found !== undefined && found.rate === rated.rated.startRate && found.prefix === rated.rated.prefix && found.version === rated.rated.version && found.destination === rated.rated.destination;
      }),
      { numRuns: 2000 },
    );
  });
});

describe("CardRates", () => {
  it("finds the same row as rateInForce, and converts each row's rate by the rate it is given", () => {
    fc.assert(
      fc.property(card, number, when, ({ rows, banded, zone }, dialled, at) => {
        const rating = buildRatingCard({ service: RatedService.VOICE, currency: "USD", timezone: zone, bands: banded ? BANDS : [] }, rows);
        const rates = new CardRates(rating);
        const digits = dialledDigits(dialled);
        const found = rates.find(digits, at);
        const expected = rateInForce(rating, digits, at);
        if (found < 0) return expected === undefined;
        const fx = new Decimal("1.1");
        return rates.row(found) === expected && rates.costIn(found, "EUR", 1, fx).equals(expected.rate.times(fx)) && rates.costIn(found, "EUR", 1, fx) === rates.costIn(found, "EUR", 1, fx);
      }),
      { numRuns: 2000 },
    );
  });
});
