import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { appendEvent, createTestDatabase, graphqlAudience, graphqlRequest, OperatorRole, PRINCIPAL_HEADER, signPrincipal } from "@intersettle/shared";
import { createRatingSubgraph, type RatingSubgraph } from "../src";
import { UsageByService1764540000000 } from "../src/migrations/1764540000000-usage-by-service";

// The rating subgraph alone, over HTTP, on its own database: what the invoicing subgraph reads to build invoice lines.
const SECRET = "usage-summary-test-secret";
const CUSTOMER = "00000000-0000-4000-8000-0000000000c1";
const VENDOR = "00000000-0000-4000-8000-0000000000f1";
const dropRoot = fs.mkdtempSync(path.join(os.tmpdir(), "intersettle-usage-"));
let rating: RatingSubgraph;
let url: string;
let db: Client;

async function query(text: string, variables: Record<string, unknown> = {}) {
  const principal = signPrincipal({ kind: "operator", id: "op-1", name: "Operator", roles: [OperatorRole.OPERATOR] }, SECRET, { audience: graphqlAudience("rating") });
  const res = await graphqlRequest(url, text, variables, { [PRINCIPAL_HEADER]: principal });
  expect(res.errors).toBeUndefined();
  return res.data;
}

async function card(partnerId: string, direction: string, service: string, deck: string): Promise<string> {
  const created = await query(`mutation($i: CreateRateCardInput!) { createRateCard(input: $i) { id } }`, { i: { partnerId, name: `${direction} ${service}`, direction, currency: "USD", service } });
  await importDeck(created.createRateCard.id, "FULL", deck, "2026-01-01T00:00:00Z");
  return created.createRateCard.id;
}

const importDeck = (rateCardId: string, mode: string, content: string, effectiveFrom: string) =>
  query(`mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, { i: { rateCardId, mode, content, effectiveFrom } });

const ingest = (fileName: string, lines: string[]) =>
  query(`mutation($i: IngestCdrsInput!) { ingestCdrs(input: $i) { status rated duplicate } }`, {
    i: { source: "SWITCH", fileName, content: ["call_id,start,duration,a_number,b_number,ingress,egress,disposition,service,units", ...lines].join("\n") },
  });

const LINE = `service destination prefix rate rateVersion currency calls seconds units minutes amount exactAmount`;

async function usage(partnerId: string, direction: string, from: string, to: string) {
  const data = await query(`query($p: ID!, $d: RateDirection!, $f: DateTimeISO!, $t: DateTimeISO!) { usageSummary(partnerId: $p, direction: $d, from: $f, to: $t) { ${LINE} } }`, { p: partnerId, d: direction, f: from, t: to });
  return data.usageSummary as Array<Record<string, unknown>>;
}

/** The partner's billable calls of [from, to) summed per service, destination and rate straight from rated_cdr. */
async function fromCalls(partnerId: string, direction: string, from: string, to: string) {
  const l = direction === "SELL" ? { p: "customer", amount: "revenue", currency: "revenue_currency" } : { p: "vendor", amount: "cost", currency: "cost_currency" };
  const { rows } = await db.query(
    `SELECT service, ${l.p}_rate::text AS rate, ${l.p}_version AS "rateVersion", count(*)::int AS calls, sum(duration)::int AS seconds, sum(units)::int AS units, sum(${l.amount})::text AS amount
       FROM rating.rated_cdr WHERE ${l.p}_id = $1 AND status = 'RATED' AND billable AND start_time >= $2 AND start_time < $3 GROUP BY 1, 2, 3 ORDER BY 1`,
    [partnerId, from, to],
  );
  return rows;
}

const summed = (lines: Array<Record<string, unknown>>) =>
  lines.map((u) => ({ service: u.service, rate: String(u.rate), rateVersion: u.rateVersion, calls: u.calls, seconds: u.seconds, units: u.units, amount: String(u.amount) }));
const decimals = (rows: Array<Record<string, unknown>>) => rows.map((r) => ({ ...r, rate: Number(r.rate), amount: Number(r.amount) }));

/** usage_hourly holds exactly the billable calls of rated_cdr, per service, with their seconds and units. */
async function expectUsageHourlyFromCalls() {
  const key = `partner_id, role, hour, destination, prefix, version, rate::text, currency, service`;
  const { rows: kept } = await db.query(
    `SELECT partner_id, role, hour, destination, prefix, rate_version AS version, rate::text, currency, service, calls::int, seconds::int, units::int, amount::text, exact_amount::text AS exact
       FROM rating.usage_hourly WHERE calls <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
  );
  const { rows: recomputed } = await db.query(
    `SELECT ${key}, count(*)::int AS calls, sum(duration)::int AS seconds, sum(units)::int AS units, sum(amount)::text AS amount, sum(exact)::text AS exact FROM (
       SELECT customer_id AS partner_id, 'CUSTOMER' AS role, date_trunc('hour', start_time, 'UTC') AS hour, coalesce(destination, 'UNKNOWN') AS destination, customer_prefix AS prefix,
              customer_version AS version, customer_rate AS rate, revenue_currency AS currency, service, duration, units, revenue AS amount, revenue_exact AS exact
         FROM rating.rated_cdr WHERE status = 'RATED' AND billable AND customer_id IS NOT NULL
       UNION ALL
       SELECT vendor_id, 'VENDOR', date_trunc('hour', start_time, 'UTC'), coalesce(destination, 'UNKNOWN'), vendor_prefix, vendor_version, vendor_rate, cost_currency, service, duration, units, cost, cost_exact
         FROM rating.rated_cdr WHERE status = 'RATED' AND billable AND vendor_id IS NOT NULL) legs
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
  );
  const money = (rows: Array<Record<string, unknown>>) => rows.map((r) => ({ ...r, rate: Number(r.rate), amount: Number(r.amount), exact: Number(r.exact) }));
  expect(kept.length).toBeGreaterThan(4);
  expect(money(kept)).toEqual(money(recomputed));
}

let customerSms: string;

beforeAll(async () => {
  const databaseUrl = await createTestDatabase("usage");
  rating = createRatingSubgraph({ databaseUrl, internalSecret: SECRET, baseCurrency: "USD", dropRoot, cdrValues: { maxDurationSeconds: 604_800, pastYears: 5, futureDays: 1 } });
  ({ url } = await rating.start(0));
  db = new Client({ connectionString: databaseUrl });
  await db.connect();
  // What the partners subgraph publishes; rating keeps each partner's rounding from it.
  for (const [id, code] of [[CUSTOMER, "CARRIER"], [VENDOR, "VENDOR"]])
    await appendEvent(db, {
      topic: "partners", type: "partner.created", key: id, producer: "partners",
      payload: { id, code, currency: "USD", timezone: "UTC", status: "ACTIVE", rounding: { decimals: 4, mode: "HALF_UP", scope: "PER_CDR" } },
    });
  // The SMS cards price prefix 44 like the voice cards (same rate, same version): only the service tells their usage apart.
  await card(CUSTOMER, "SELL", "VOICE", "prefix,destination,rate\n44,United Kingdom,0.0100");
  customerSms = await card(CUSTOMER, "SELL", "SMS", "prefix,destination,rate\n44,United Kingdom,0.0100");
  await card(VENDOR, "BUY", "VOICE", "prefix,destination,rate\n44,United Kingdom,0.0070");
  await card(VENDOR, "BUY", "SMS", "prefix,destination,rate\n44,United Kingdom,0.0040");
  const source = await query(`mutation($i: CdrSourceInput!) { createCdrSource(input: $i) { id } }`, { i: { code: "SWITCH", name: "Switch", format: "NATIVE", timezone: "UTC" } });
  for (const [side, value, partnerId] of [["INGRESS", "carrier", CUSTOMER], ["EGRESS", "vendor", VENDOR]])
    await query(`mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: source.createCdrSource.id, side, match: "TRUNK", value, partnerId } });

  // Whole hour 10:00-11:00 and 11:00-12:00; SMS records carry no duration, as SMS platforms write them.
  const job = await ingest("day-1.csv", [
    "v1,2026-11-20T10:05:00Z,125,447911000001,447700900001,carrier,vendor,ANSWERED,VOICE,",
    "v2,2026-11-20T10:40:00Z,60,447911000001,447700900002,carrier,vendor,ANSWERED,VOICE,",
    "v3,2026-11-20T11:10:00Z,30,447911000001,447700900003,carrier,vendor,ANSWERED,VOICE,",
    "v4,2026-11-20T10:20:00Z,0,447911000001,447700900004,carrier,vendor,NO_ANSWER,VOICE,",
    "s1,2026-11-20T10:10:00Z,0,447911000001,447700900005,carrier,vendor,ANSWERED,SMS,3",
    "s2,2026-11-20T10:50:00Z,0,447911000001,447700900006,carrier,vendor,ANSWERED,SMS,2",
    "s3,2026-11-20T11:20:00Z,0,447911000001,447700900007,carrier,vendor,ANSWERED,SMS,1",
  ]);
  expect(job.ingestCdrs).toEqual({ status: "COMPLETED", rated: 7, duplicate: 0 });
});

afterAll(async () => {
  await db?.end();
  await rating?.stop();
  fs.rmSync(dropRoot, { recursive: true, force: true });
});

describe("usageSummary", () => {
  it("gives each service its own line, with seconds and units summed exactly", async () => {
    const lines = await usage(CUSTOMER, "SELL", "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z");
    expect(lines).toEqual([
      { service: "SMS", destination: "United Kingdom", prefix: "44", rate: "0.01", rateVersion: 1, currency: "USD", calls: 3, seconds: 0, units: 6, minutes: 0, amount: "0.06", exactAmount: "0.06" },
      // 125 s at 0.01/min is 0.0208333…, charged 0.0208; 60 s 0.01; 30 s 0.005.
      { service: "VOICE", destination: "United Kingdom", prefix: "44", rate: "0.01", rateVersion: 1, currency: "USD", calls: 3, seconds: 215, units: 215, minutes: 215 / 60, amount: "0.0358", exactAmount: expect.stringMatching(/^0\.03583333/) },
    ]);
    const vendor = await usage(VENDOR, "BUY", "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z");
    expect(vendor.map((u) => [u.service, u.rate, u.calls, u.seconds, u.units])).toEqual([["SMS", "0.004", 3, 0, 6], ["VOICE", "0.007", 3, 215, 215]]);
  });

  it("splits by service in the part hours read from the calls as in the whole hours", async () => {
    // 10:30-11:00 comes from rated_cdr (v2, s2), 11:00-12:00 from usage_hourly (v3, s3).
    const lines = await usage(CUSTOMER, "SELL", "2026-11-20T10:30:00Z", "2026-11-20T12:30:00Z");
    expect(lines.map((u) => [u.service, u.calls, u.seconds, u.units, u.amount])).toEqual([["SMS", 2, 0, 3, "0.03"], ["VOICE", 2, 90, 90, "0.015"]]);
    // Inside one hour, every call comes from rated_cdr.
    const inHour = await usage(CUSTOMER, "SELL", "2026-11-20T10:07:00Z", "2026-11-20T10:45:00Z");
    expect(inHour.map((u) => [u.service, u.calls, u.seconds, u.units])).toEqual([["SMS", 1, 0, 3], ["VOICE", 1, 60, 60]]);
    for (const [from, to] of [["2026-11-20T10:30:00Z", "2026-11-20T12:30:00Z"], ["2026-11-20T09:00:00Z", "2026-11-21T00:00:00Z"]])
      for (const [partner, direction] of [[CUSTOMER, "SELL"], [VENDOR, "BUY"]])
        expect(decimals(summed(await usage(partner, direction, from, to)))).toEqual(decimals(await fromCalls(partner, direction, from, to)));
  });

  it("adds only the calls not loaded before when a file comes again with new calls", async () => {
    // s1 is taken: the chunk goes through staging, and usage grows by s4 and v5 only.
    const job = await ingest("day-1-late.csv", [
      "s1,2026-11-20T10:10:00Z,0,447911000001,447700900005,carrier,vendor,ANSWERED,SMS,3",
      "s4,2026-11-20T10:15:00Z,0,447911000001,447700900008,carrier,vendor,ANSWERED,SMS,4",
      "v5,2026-11-20T10:25:00Z,90,447911000001,447700900009,carrier,vendor,ANSWERED,VOICE,",
    ]);
    expect(job.ingestCdrs).toEqual({ status: "COMPLETED", rated: 2, duplicate: 1 });
    const lines = await usage(CUSTOMER, "SELL", "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z");
    expect(lines.map((u) => [u.service, u.calls, u.seconds, u.units])).toEqual([["SMS", 4, 0, 10], ["VOICE", 4, 305, 305]]);
    await expectUsageHourlyFromCalls();
  });

  it("follows a re-rate: the SMS line takes its new rate, seconds and units unchanged", async () => {
    await importDeck(customerSms, "DELTA", "prefix,destination,rate\n44,United Kingdom,0.0150", "2026-11-01T00:00:00Z");
    const rerun = await query(`mutation($i: RerateInput!) { rerateCalls(input: $i) { status calls } }`, { i: { from: "2026-11-20T00:00:00Z", to: "2026-11-21T00:00:00Z" } });
    expect(rerun.rerateCalls).toEqual({ status: "COMPLETED", calls: 9 });
    const lines = await usage(CUSTOMER, "SELL", "2026-11-20T10:30:00Z", "2026-11-20T12:00:00Z");
    expect(lines.map((u) => [u.service, u.rate, u.rateVersion, u.calls, u.seconds, u.units, u.amount])).toEqual([
      ["SMS", "0.015", 2, 2, 0, 3, "0.045"],
      ["VOICE", "0.01", 1, 2, 90, 90, "0.015"],
    ]);
    const day = await usage(CUSTOMER, "SELL", "2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z");
    expect(day.map((u) => [u.service, u.rate, u.calls, u.seconds, u.units])).toEqual([["SMS", "0.015", 4, 0, 10], ["VOICE", "0.01", 4, 305, 305]]);
    await expectUsageHourlyFromCalls();
  });
});

describe("the migration adding service and units to usage_hourly", () => {
  it("splits the rows of stored calls by service, and takes rows whose calls are gone for voice", async () => {
    // Lines re-rated away keep a row of zeros, which the round trip drops: the lines with calls are compared.
    const lines = `SELECT * FROM rating.usage_hourly WHERE calls <> 0 AND destination <> 'France' ORDER BY partner_id, role, hour, destination, prefix, rate_version, rate, currency, service`;
    const before = await db.query(lines);
    const migration = new UsageByService1764540000000();
    const runner = { query: (sql: string) => db.query(sql).then((r) => r.rows) } as never;
    await db.query("BEGIN");
    await migration.down(runner);
    // A voice hour whose calls are no longer stored (its partition dropped after invoicing).
    await db.query(`INSERT INTO rating.usage_hourly (partner_id, role, hour, destination, prefix, rate_version, rate, currency, calls, seconds, amount, exact_amount)
                    VALUES ($1, 'CUSTOMER', '2026-10-01T08:00:00Z', 'France', '33', 3, 0.02, 'USD', 2, 150, 0.05, 0.05)`, [CUSTOMER]);
    await migration.up(runner);
    await db.query("COMMIT");
    const after = await db.query(lines);
    expect(before.rows.map((r) => r.service).sort()).toEqual(["SMS", "SMS", "SMS", "SMS", "VOICE", "VOICE", "VOICE", "VOICE"]);
    expect(after.rows).toEqual(before.rows);
    const { rows: orphan } = await db.query(`SELECT service, calls::int, seconds::int, units::int FROM rating.usage_hourly WHERE destination = 'France'`);
    expect(orphan).toEqual([{ service: "VOICE", calls: 2, seconds: 150, units: 150 }]);
    await db.query(`DELETE FROM rating.usage_hourly WHERE destination = 'France'`);
    await expectUsageHourlyFromCalls();
  });
});
