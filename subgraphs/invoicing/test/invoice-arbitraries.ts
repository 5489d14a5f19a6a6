import fc from "fast-check";
import { Decimal, periodContaining, PeriodUnit, roundMoney, RoundingMode, type Period, type RoundingRule } from "@intersettle/shared";
import { RoundingScope, UsageUnit, type ExchangeRateLookup, type SettlementTerms, type UsageLine } from "../src/domain";

export const CURRENCIES = ["EUR", "USD", "GBP"] as const;

export const MARCH: Period = periodContaining(new Date("2026-03-10T12:00:00Z"), PeriodUnit.MONTH, "Europe/Berlin");
export const APRIL: Period = periodContaining(new Date("2026-04-10T12:00:00Z"), PeriodUnit.MONTH, "Europe/Berlin");

/** The usage keys the generated traffic is spread over: few enough that lines collide and merge. */
const KEYS = [
  { service: "VOICE", unit: UsageUnit.SECOND, destination: "UK Mobile", prefix: "447", rate: "0.0125", rateVersion: 1 },
  { service: "VOICE", unit: UsageUnit.SECOND, destination: "UK Mobile", prefix: "447", rate: "0.0130", rateVersion: 2 },
  { service: "VOICE", unit: UsageUnit.SECOND, destination: "Nigeria MTN", prefix: "234803", rate: "0.1", rateVersion: 1 },
  { service: "SMS", unit: UsageUnit.UNIT, destination: "France", prefix: "33", rate: "0.004", rateVersion: 3 },
];

export const termsArb: fc.Arbitrary<SettlementTerms> = fc.record({
  currency: fc.constantFrom(...CURRENCIES),
  taxRatePercent: fc.integer({ min: 0, max: 2750 }).map((n) => new Decimal(n).dividedBy(100)),
  rounding: fc.record({
    decimals: fc.integer({ min: 0, max: 5 }),
    mode: fc.constantFrom(...Object.values(RoundingMode)),
    scope: fc.constantFrom(RoundingScope.PER_CDR, RoundingScope.PER_INVOICE_LINE),
  }),
  paymentTermsDays: fc.integer({ min: 0, max: 90 }),
  timezone: fc.constantFrom("Europe/Berlin", "America/New_York", "Asia/Kolkata"),
});

/** One rated call: exact amount in millionths (a re-rating may credit a call, so it can be negative) and billed seconds. */
const cdrArb = fc.record({ micros: fc.integer({ min: -2_000_000, max: 50_000_000 }), seconds: fc.integer({ min: 0, max: 7200 }) });

/** Traffic before it is rated into lines: per call, which key and currency it went to. */
export type Traffic = Array<{ key: number; currency: number; micros: number; seconds: number }>;

export const trafficArb: fc.Arbitrary<Traffic> = fc.array(
  fc.record({ key: fc.nat(KEYS.length - 1), currency: fc.nat(CURRENCIES.length - 1) }).chain((k) => cdrArb.map((c) => ({ ...k, ...c }))),
  { maxLength: 40 },
);

/**
 * The usage lines rating would report for `traffic`: one per call here, so that the generator has to merge
 * lines of one key; each call's amount rounded by the partner's rule (how rating rounds per CDR).
 */
export function usageOf(traffic: Traffic, rule: RoundingRule): UsageLine[] {
  return traffic.map((t) => {
    const k = KEYS[t.key];
    const exact = new Decimal(t.micros).dividedBy(1_000_000);
    return {
      service: k.service, destination: k.destination, prefix: k.prefix, rate: new Decimal(k.rate), rateVersion: k.rateVersion,
      currency: CURRENCIES[t.currency], calls: 1, unit: k.unit, quantity: t.seconds, amount: roundMoney(exact, rule), exactAmount: exact,
    };
  });
}

/** A rate for every ordered pair, 0.0001 to 9.9999. */
export const ratesArb: fc.Arbitrary<Record<string, Decimal>> = fc
  .array(fc.integer({ min: 1, max: 99_999 }), { minLength: 9, maxLength: 9 })
  .map((ns) => Object.fromEntries(CURRENCIES.flatMap((from, i) => CURRENCIES.map((to, j) => [`${from}/${to}`, new Decimal(ns[i * 3 + j]).dividedBy(10_000)]))));

export const lookupOf = (rates: Record<string, Decimal>): ExchangeRateLookup => (from, to) => rates[`${from}/${to}`];

/** Every number reachable from `value` (dates aside) is a whole number: money and rates are all Decimals. */
export function assertNoFloat(value: unknown, path = "$"): void {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new Error(`${path} is the float ${value}`);
  } else if (value && typeof value === "object" && !Decimal.isDecimal(value) && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) assertNoFloat(v, `${path}.${k}`);
  }
}
