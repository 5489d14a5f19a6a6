import fs from "node:fs";
import path from "node:path";
import { bearer, graphqlRequest, startOfLocalDate } from "@intersettle/shared";

/**
 * The billing bench's world: 100 customers and 20 vendors in five timezones, their SELL and BUY cards over 300
 * prefixes, and a month of calls between them. Everything is derived from indexes, never from random numbers, so a
 * calls file generated once stays valid for every later run (it names trunks, not partner ids).
 */
export const TOKEN = "iso_bench-admin-token-000000000000000000000000";
export const MONTH = { first: "2026-11-01", next: "2026-12-01" };
export const CUSTOMERS = 100;
export const VENDORS = 20;

interface TimezoneGroup {
  timezone: string;
  currencies: string[];
  taxRatePercent: string;
}
/** Vendors share their customers' timezone groups, so every call lies inside both partners' local month. */
const GROUPS: TimezoneGroup[] = [
  { timezone: "America/New_York", currencies: ["USD"], taxRatePercent: "8.875" },
  { timezone: "Asia/Kolkata", currencies: ["INR", "USD"], taxRatePercent: "18" },
  { timezone: "Europe/London", currencies: ["GBP", "USD"], taxRatePercent: "20" },
  { timezone: "Europe/Berlin", currencies: ["EUR"], taxRatePercent: "19" },
  { timezone: "Asia/Singapore", currencies: ["USD"], taxRatePercent: "9" },
];
const ROUNDINGS = [
  { decimals: 2, mode: "HALF_UP", scope: "PER_INVOICE_LINE" },
  { decimals: 4, mode: "HALF_UP", scope: "PER_CDR" },
  { decimals: 2, mode: "HALF_EVEN", scope: "PER_CDR" },
] as const;
/** 1 USD in each invoice currency (cards are in USD). */
export const USD_RATES: Record<string, string> = { EUR: "0.92", GBP: "0.79", INR: "83.25" };

export interface BenchPartner {
  code: string;
  role: "CUSTOMER" | "VENDOR";
  trunk: string;
  timezone: string;
  currency: string;
  taxRatePercent: string;
  rounding: (typeof ROUNDINGS)[number];
  /** Multiplier of the base price list on its card. */
  markup: number;
}

export function benchPartners(): BenchPartner[] {
  const partner = (role: BenchPartner["role"], i: number): BenchPartner => {
    const group = GROUPS[i % GROUPS.length];
    const n = String(i + 1).padStart(3, "0");
    return {
      code: `${role === "CUSTOMER" ? "CUST" : "VEND"}${n}`,
      role,
      trunk: `${role === "CUSTOMER" ? "c" : "v"}${n}`,
      timezone: group.timezone,
      currency: group.currencies[Math.floor(i / GROUPS.length) % group.currencies.length],
      taxRatePercent: i % 4 === 3 ? "0" : group.taxRatePercent,
      rounding: ROUNDINGS[i % ROUNDINGS.length],
      markup: role === "CUSTOMER" ? 1.15 + (i % 7) * 0.03 : 0.95 + (i % 4) * 0.02,
    };
  };
  return [...Array.from({ length: CUSTOMERS }, (_, i) => partner("CUSTOMER", i)), ...Array.from({ length: VENDORS }, (_, i) => partner("VENDOR", i))];
}

/** A partner's November in its own timezone, as UTC instants [start, end). */
export function localMonth(timezone: string): { start: Date; end: Date } {
  return { start: startOfLocalDate(MONTH.first, timezone), end: startOfLocalDate(MONTH.next, timezone) };
}

const COUNTRY_CODES = [
  "1", "7", "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
  "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84", "86", "90",
  "91", "92", "93", "94", "95", "98", "212", "213", "216", "234", "254", "255", "351", "353", "358", "380", "420", "880", "966", "971",
];
const AREAS = [["", "Fixed"], ["1", "Zone 1"], ["2", "Zone 2"], ["7", "Mobile"], ["9", "Premium"]] as const;

/** 300 prefixes (60 countries, each fixed, two zones, mobile and premium), with a base price per minute in USD. */
const PRICE_LIST = COUNTRY_CODES.flatMap((cc, c) =>
  AREAS.map(([digit, area], a) => ({ prefix: cc + digit, destination: `+${cc} ${area}`, base: 0.004 + (((c * 31 + a * 7919) % 997) / 997) * (a === 4 ? 0.6 : 0.2), perSecond: a === 3 })),
);

/** A partner's deck: the price list at its markup; mobile billed per second, the rest per minute. */
export function deckOf(partner: BenchPartner): string {
  const rows = PRICE_LIST.map((p) => `${p.prefix},${p.destination},${(p.base * partner.markup).toFixed(4)},${p.perSecond ? "1,1" : "60,60"}`);
  return ["prefix,destination,rate,initial_interval,next_interval", ...rows].join("\n");
}

/** A well-mixed fraction in [0, 1) from an index and a salt (Knuth's multiplicative hash). */
function mix(i: number, salt: number): number {
  return (Math.imul(i ^ Math.imul(salt, 0x9e3779b1), 2654435761) >>> 0) / 4294967296;
}

/**
 * `calls` native CSV calls over November: a few large customers and many small ones, destinations skewed as real
 * traffic is, each call inside its customer's local month (and so its vendor's), in time order within a customer.
 * Written once per size and reused (generating 10M lines takes a while); returns the time spent writing, if any.
 */
export function ensureCallsFile(file: string, calls: number, partners: BenchPartner[]): number {
  if (fs.existsSync(file)) return 0;
  const started = performance.now();
  const customers = partners.filter((p) => p.role === "CUSTOMER");
  const vendors = partners.filter((p) => p.role === "VENDOR");
  const months = customers.map((c) => localMonth(c.timezone));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  const out = fs.openSync(partial, "w");
  let chunk = "call_id,start,duration,a_number,b_number,ingress,egress,disposition\n";
  for (let i = 0; i < calls; i++) {
    const c = Math.floor(customers.length * mix(i, 1) ** 2);
    const vendor = vendors[(c % GROUPS.length) + GROUPS.length * Math.floor(mix(i, 2) * (vendors.length / GROUPS.length))];
    const { start, end } = months[c];
    const at = new Date(start.getTime() + Math.floor(((i + mix(i, 3)) / calls) * (end.getTime() - start.getTime()) / 1000) * 1000);
    const destination = PRICE_LIST[Math.floor(PRICE_LIST.length * mix(i, 4) ** 3)];
    const answered = mix(i, 5) < 0.8;
    const duration = answered ? 1 + Math.floor(1800 * mix(i, 6) ** 3) : 0;
    chunk += `b${i},${at.toISOString()},${duration},+4420794${String(i % 100000).padStart(5, "0")},+${destination.prefix}${String(1000000 + (i % 8999999))},${customers[c].trunk},${vendor.trunk},${answered ? "ANSWERED" : "NO ANSWER"}\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(out, chunk);
      chunk = "";
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
  fs.renameSync(partial, file);
  return performance.now() - started;
}

async function gql(url: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await graphqlRequest(url, query, variables, bearer(TOKEN));
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

/** Creates the partners, their cards and decks, the exchange rates and the switch whose trunks name them; returns partner ids by code. */
export async function createBenchWorld(url: string, partners: BenchPartner[]): Promise<Record<string, string>> {
  for (const [quote, rate] of Object.entries(USD_RATES)) {
    await gql(url, `mutation($q: String!, $r: Decimal!) { setExchangeRate(input: { base: "USD", quote: $q, rate: $r, effectiveDate: "2026-01-01" }) { id } }`, { q: quote, r: rate });
  }
  const { createCdrSource } = await gql(url, `mutation { createCdrSource(input: { code: "SW", name: "Switch", format: NATIVE, timezone: "UTC" }) { id } }`);
  const ids: Record<string, string> = {};
  for (const p of partners) {
    const input = { code: p.code, legalName: `${p.code} Telecom Ltd`, types: ["CARRIER"], roles: [p.role], currency: p.currency, timezone: p.timezone, billingCycle: "MONTHLY", taxRatePercent: p.taxRatePercent, rounding: p.rounding };
    const { createPartner } = await gql(url, `mutation($i: CreatePartnerInput!) { createPartner(input: $i) { id } }`, { i: input });
    ids[p.code] = createPartner.id;
    const direction = p.role === "CUSTOMER" ? "SELL" : "BUY";
    const { createRateCard } = await gql(url, `mutation($p: ID!, $d: RateDirection!) { createRateCard(input: { partnerId: $p, name: "voice", direction: $d, currency: "USD", service: VOICE }) { id } }`, { p: createPartner.id, d: direction });
    await gql(url, `mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, { i: { rateCardId: createRateCard.id, mode: "FULL", content: deckOf(p), effectiveFrom: "2026-01-01T00:00:00Z" } });
    const side = p.role === "CUSTOMER" ? "INGRESS" : "EGRESS";
    await gql(url, `mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: createCdrSource.id, side, match: "TRUNK", value: p.trunk, partnerId: createPartner.id } });
  }
  return ids;
}

/** Sets each partner's first billed period to November. */
export async function startBillingInNovember(url: string, ids: string[]): Promise<void> {
  for (const id of ids) await gql(url, `mutation($p: ID!) { setBillingStart(partnerId: $p, date: "${MONTH.first}") }`, { p: id });
}
