import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { Client } from "pg";
import WebSocket from "ws";
import { createClient, type Client as WsClient } from "graphql-ws";
import { appendEvent, createTestDatabase, errorCodes, graphqlAudience, graphqlRequest, OperatorRole, PRINCIPAL_HEADER, signPrincipal, type Principal } from "@intersettle/shared";
import { createRatingSubgraph, type RatingSubgraph } from "../src";

// The rating subgraph alone, on its own database, fed partner events as the partners subgraph publishes them: traffic
// events per committed block, blocked partners' calls, the fraud rules on crafted traffic, and the live subscriptions.
const SECRET = "live-traffic-test-secret";
const ALPHA = "00000000-0000-4000-8000-0000000000a1";
const BRAVO = "00000000-0000-4000-8000-0000000000b2";
const VENDOR = "00000000-0000-4000-8000-0000000000f1";
const OPERATOR: Principal = { kind: "operator", id: "op-1", name: "Operator", roles: [OperatorRole.OPERATOR] };
const partner = (partnerId: string): Principal => ({ kind: "partner", partnerId, credentialId: `key-${partnerId}` });
const dropRoot = fs.mkdtempSync(path.join(os.tmpdir(), "intersettle-live-"));
let rating: RatingSubgraph;
let url: string;
let db: Client;

const sign = (principal: Principal) => signPrincipal(principal, SECRET, { audience: graphqlAudience("rating") });
const gql = (text: string, variables: Record<string, unknown> = {}, principal: Principal = OPERATOR) => graphqlRequest(url, text, variables, { [PRINCIPAL_HEADER]: sign(principal) });
async function query(text: string, variables: Record<string, unknown> = {}, principal: Principal = OPERATOR) {
  const res = await gql(text, variables, principal);
  expect(res.errors).toBeUndefined();
  return res.data;
}

const HEADER = "call_id,start,duration,a_number,b_number,ingress,egress,disposition";
/** A native CDR line: `trunk` alpha or bravo in, vendor out. */
const call = (id: string, start: string, seconds: number, bNumber: string, trunk = "alpha", disposition = seconds > 0 ? "ANSWERED" : "NO_ANSWER") => `${id},${start},${seconds},+442079460018,+${bNumber},${trunk},vendor,${disposition}`;

/** Ingests lines as one file through the service, `linesPerBlock` lines (the header counts) per committed block. */
async function ingest(fileName: string, lines: string[], linesPerBlock?: number) {
  const content = [HEADER, ...lines].join("\n");
  const job = await rating.services()!.ingestion.ingest(OPERATOR, { source: "SWITCH", fileName, body: Readable.from([Buffer.from(content)]), chunkSize: linesPerBlock });
  expect(job.status).toBe("COMPLETED");
  return job;
}

/** Evaluates every traffic event committed so far. */
const evaluate = () => rating.services()!.fraudMonitor.consumer.drain();

async function eventsAfter(position: string, topic = "traffic") {
  const { rows } = await db.query(`SELECT id::text AS position, type, key, payload FROM events.event WHERE topic = $1 AND id > $2 ORDER BY id`, [topic, position]);
  return rows as Array<{ position: string; type: string; key: string; payload: any }>;
}
const lastPosition = async () => (await db.query(`SELECT coalesce(max(id), 0)::text AS p FROM events.event`)).rows[0].p as string;

async function alertsOf(partnerId: string, principal: Principal = OPERATOR) {
  const data = await query(`query($f: FraudAlertFilter) { fraudAlerts(filter: $f, first: 100) { edges { node { id rule subject severity status autoBlock summary windowStart windowEnd evidence acknowledgedBy } } } }`, { f: { partnerId } }, principal);
  return data.fraudAlerts.edges.map((e: any) => e.node) as Array<Record<string, any>>;
}

async function setPartner(id: string, code: string, currency: string, timezone: string, status: string) {
  await appendEvent(db, {
    topic: "partners", type: "partner.status_changed", key: id, producer: "partners",
    payload: { id, code, currency, timezone, status, rounding: { decimals: 4, mode: "HALF_UP", scope: "PER_CDR" } },
  });
  await rating.services()!.partners.consumer.drain();
}

const DECK = "prefix,destination,rate\n44,United Kingdom,RATE44\n91,India,RATE91\n371,Latvia,RATE371\n882,Satellite,RATE882\n252,Somalia,RATE252";
const deck = (rates: Record<string, string>) => Object.entries(rates).reduce((d, [p, r]) => d.replace(`RATE${p}`, r), DECK);
const SELL = deck({ 44: "0.0100", 91: "0.0120", 371: "0.0500", 882: "1.0000", 252: "0.5000" });
const BUY = deck({ 44: "0.0070", 91: "0.0090", 371: "0.0300", 882: "0.8000", 252: "0.3000" });

async function card(partnerId: string, direction: string, content: string) {
  const created = await query(`mutation($i: CreateRateCardInput!) { createRateCard(input: $i) { id } }`, { i: { partnerId, name: direction, direction, currency: "USD", service: "VOICE" } });
  await query(`mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, { i: { rateCardId: created.createRateCard.id, mode: "FULL", content, effectiveFrom: "2026-01-01T00:00:00Z" } });
}

beforeAll(async () => {
  const databaseUrl = await createTestDatabase("live");
  rating = createRatingSubgraph({ databaseUrl, internalSecret: SECRET, baseCurrency: "USD", dropRoot, cdrValues: { maxDurationSeconds: 604_800, pastYears: 5, futureDays: 1 } });
  ({ url } = await rating.start(0));
  db = new Client({ connectionString: databaseUrl });
  await db.connect();
  await setPartner(ALPHA, "ALPHA", "USD", "UTC", "ACTIVE");
  await setPartner(BRAVO, "BRAVO", "EUR", "Europe/Paris", "ACTIVE");
  await setPartner(VENDOR, "VENDOR", "USD", "UTC", "ACTIVE");
  await query(`mutation { setExchangeRate(input: { base: "USD", quote: "EUR", rate: "0.9", effectiveDate: "2026-01-01" }) { id } }`);
  await card(ALPHA, "SELL", SELL);
  await card(BRAVO, "SELL", SELL);
  await card(VENDOR, "BUY", BUY);
  const source = await query(`mutation($i: CdrSourceInput!) { createCdrSource(input: $i) { id } }`, { i: { code: "SWITCH", name: "Switch", format: "NATIVE", timezone: "UTC" } });
  for (const [side, value, partnerId] of [["INGRESS", "alpha", ALPHA], ["INGRESS", "bravo", BRAVO], ["EGRESS", "vendor", VENDOR]])
    await query(`mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: source.createCdrSource.id, side, match: "TRUNK", value, partnerId } });
}, 120_000);

afterAll(async () => {
  await db?.end();
  await rating?.stop();
  fs.rmSync(dropRoot, { recursive: true, force: true });
});

describe("traffic.batch events", () => {
  it("are appended with each committed block, one per partner leg, with the block's exact figures", async () => {
    const mark = await lastPosition();
    const job = await ingest("june-15.csv", [
      call("a1", "2026-06-15T10:05:00Z", 120, "447700900001"),
      call("a2", "2026-06-15T10:10:00Z", 60, "919812345678"),
      call("a3", "2026-06-15T10:20:00Z", 0, "447700900002"),
      call("a4", "2026-06-15T10:30:00Z", 30, "447700900003"),
      call("a5", "2026-06-15T11:15:00Z", 90, "919812345679"),
      call("a6", "2026-06-15T11:20:00Z", 60, "447700900004"),
    ], 3);
    const batches = (await eventsAfter(mark)).filter((e) => e.type === "traffic.batch");
    const figures = batches.map((e) => {
      const p = e.payload;
      return [e.key, p.role, p.from.slice(11, 16), p.to.slice(11, 16), p.calls, p.answered, p.seconds, p.currency, p.amount, p.blocked, p.destinations.map((d: any) => [d.destination, d.calls, d.seconds, d.amount, d.revenueBase, d.costBase])];
    });
    // Blocks: the header and a1-a2, then a3-a5, then a6; each committed with its events.
    expect(figures).toEqual([
      [ALPHA, "CUSTOMER", "10:05", "10:10", 2, 2, 180, "USD", "0.032", false, [["India", 1, 60, "0.012", "0.012", "0.009"], ["United Kingdom", 1, 120, "0.02", "0.02", "0.014"]]],
      [VENDOR, "VENDOR", "10:05", "10:10", 2, 2, 180, "USD", "0.023", false, [["India", 1, 60, "0.009", "0.012", "0.009"], ["United Kingdom", 1, 120, "0.014", "0.02", "0.014"]]],
      [ALPHA, "CUSTOMER", "10:20", "11:15", 3, 2, 120, "USD", "0.023", false, [["India", 1, 90, "0.018", "0.018", "0.0135"], ["United Kingdom", 2, 30, "0.005", "0.005", "0.0035"]]],
      [VENDOR, "VENDOR", "10:20", "11:15", 3, 2, 120, "USD", "0.017", false, [["India", 1, 90, "0.0135", "0.018", "0.0135"], ["United Kingdom", 2, 30, "0.0035", "0.005", "0.0035"]]],
      [ALPHA, "CUSTOMER", "11:20", "11:20", 1, 1, 60, "USD", "0.01", false, [["United Kingdom", 1, 60, "0.01", "0.01", "0.007"]]],
      [VENDOR, "VENDOR", "11:20", "11:20", 1, 1, 60, "USD", "0.007", false, [["United Kingdom", 1, 60, "0.007", "0.01", "0.007"]]],
    ]);
    expect(batches.every((e) => e.payload.jobId === job.id && e.payload.kind === "INGEST")).toBe(true);
    // Each event's position is after its block's calls were committed: the job's usage.rated comes last, as before.
    expect((await eventsAfter(mark)).at(-1)!.type).toBe("usage.rated");
  });

  it("convert a partner's amounts into its invoicing currency, and publish nothing for calls loaded before", async () => {
    const mark = await lastPosition();
    await ingest("june-15-bravo.csv", [call("b1", "2026-06-15T12:00:00Z", 600, "447700900005", "bravo")]);
    const [customer] = (await eventsAfter(mark)).filter((e) => e.type === "traffic.batch" && e.key === BRAVO);
    // 10 minutes at 0.01 USD is 0.10 USD, 0.09 EUR at 0.9.
    expect([customer.payload.currency, customer.payload.amount, customer.payload.destinations[0].amount]).toEqual(["EUR", "0.09", "0.09"]);
    const again = await lastPosition();
    await ingest("june-15-bravo-again.csv", [call("b1", "2026-06-15T12:00:00Z", 600, "447700900005", "bravo")]);
    expect((await eventsAfter(again)).filter((e) => e.type === "traffic.batch")).toEqual([]);
  });

  it("publish a re-rating's change, new figures less old", async () => {
    const mark = await lastPosition();
    await query(`mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, {
      i: { rateCardId: (await query(`query($p: ID!) { rateCards(filter: { partnerId: $p }) { edges { node { id } } } }`, { p: BRAVO })).rateCards.edges[0].node.id, mode: "DELTA", content: "prefix,destination,rate\n44,United Kingdom,0.0200", effectiveFrom: "2026-06-01T00:00:00Z" },
    });
    await query(`mutation($i: RerateInput!) { rerateCalls(input: $i) { status } }`, { i: { partnerId: BRAVO, from: "2026-06-15T12:00:00Z", to: "2026-06-15T13:00:00Z" } });
    const changes = (await eventsAfter(mark)).filter((e) => e.type === "traffic.batch");
    // 10 minutes now cost 0.20 USD instead of 0.10: +0.09 EUR. The vendor's cost is unchanged, but the revenue of its calls
    // (its margin) moved.
    expect(changes.map((e) => [e.key, e.payload.kind, e.payload.calls, e.payload.amount, e.payload.destinations[0].revenueBase])).toEqual([[BRAVO, "RERATE", 0, "0.09", "0.1"], [VENDOR, "RERATE", 0, "0", "0.1"]]);
  });
});

describe("calls of a BLOCKED partner", () => {
  afterAll(() => setPartner(BRAVO, "BRAVO", "EUR", "Europe/Paris", "ACTIVE"));

  it("are stored, rated and marked on the blocked partner's leg, counted by the job and said by the event", async () => {
    await setPartner(BRAVO, "BRAVO", "EUR", "Europe/Paris", "BLOCKED");
    const mark = await lastPosition();
    const job = await ingest("june-16.csv", [call("k1", "2026-06-16T10:00:00Z", 60, "447700900006", "bravo"), call("k2", "2026-06-16T10:01:00Z", 60, "447700900007", "bravo"), call("k3", "2026-06-16T10:02:00Z", 60, "447700900008")]);
    expect([job.rated, job.blocked]).toEqual([3, 2]);
    const { rows } = await db.query(`SELECT call_id, status, customer_blocked, vendor_blocked FROM rating.rated_cdr WHERE job_id = $1 ORDER BY call_id`, [job.id]);
    expect(rows.map((r) => [r.call_id, r.status, r.customer_blocked, r.vendor_blocked])).toEqual([["k1", "RATED", true, false], ["k2", "RATED", true, false], ["k3", "RATED", false, false]]);
    const events = (await eventsAfter(mark)).filter((e) => e.type === "traffic.batch");
    expect(events.map((e) => [e.key, e.payload.blocked])).toEqual([[ALPHA, false], [BRAVO, true], [VENDOR, false]]);
    const calls = `query($f: RatedCdrFilter) { ratedCdrs(filter: $f) { edges { node { callId blocked } } } }`;
    const period = { jobId: job.id };
    const marks = async (principal: Principal) => (await query(calls, { f: period }, principal)).ratedCdrs.edges.map((e: any) => [e.node.callId, e.node.blocked]);
    expect(await marks(OPERATOR)).toEqual([["k1", true], ["k2", true], ["k3", false]]);
    expect(await marks(partner(BRAVO))).toEqual([["k1", true], ["k2", true]]);
    // The vendor carried the blocked customer's calls: its own leg is not blocked, and it does not learn the customer's status.
    expect(await marks(partner(VENDOR))).toEqual([["k1", false], ["k2", false], ["k3", false]]);
  });
});

describe("fraud rules on live traffic", () => {
  const day = (d: number) => `2026-11-${String(d).padStart(2, "0")}`;
  /** A day of ALPHA's usual traffic: 10 calls of 2 minutes to the UK, 5 of a minute to India, between 09:00 and 09:30. */
  const usualDay = (d: number) => [
    ...Array.from({ length: 10 }, (_, i) => call(`u${d}-${i}`, `${day(d)}T09:0${i % 10}:00Z`, 120, `4420794600${String(i).padStart(2, "0")}`)),
    ...Array.from({ length: 5 }, (_, i) => call(`i${d}-${i}`, `${day(d)}T09:2${i}:00Z`, 60, `9198123456${String(i).padStart(2, "0")}`)),
  ];
  const raised = async (partnerId: string, known: Set<string>) => {
    await evaluate();
    const fresh = (await alertsOf(partnerId)).filter((a) => !known.has(a.id));
    fresh.forEach((a) => known.add(a.id));
    return fresh;
  };
  const alphaKnown = new Set<string>();

  beforeAll(async () => {
    await query(`mutation($p: ID!) { setFraudRules(partnerId: $p, input: { spendPerHour: { enabled: true, cap: "3" }, spendPerDay: { enabled: true, cap: "5" }, trafficPumping: { autoBlock: true } }) { updatedAt } }`, { p: ALPHA });
    await query(`mutation($csv: String!) { importIrsfRanges(csv: $csv) { ranges } }`, { csv: "prefix,name,note\n88213,Thuraya,satellite premium\n+37125,Latvia premium," });
  });

  it("stay quiet on a partner's usual traffic, day after day", async () => {
    for (let d = 1; d <= 9; d++) await ingest(`usual-${d}.csv`, usualDay(d));
    expect(await raised(ALPHA, alphaKnown)).toEqual([]);
  });

  it("raise TRAFFIC_PUMPING for many short calls to one number range, across files, and ask for a block when set to", async () => {
    const short = (from: number) => Array.from({ length: 30 }, (_, i) => call(`p${from + i}`, `${day(11)}T10:${String(from + i).padStart(2, "0")}:00Z`, 5, `447700900${String(from + i).padStart(3, "0")}`));
    await ingest("pumping-1.csv", short(0));
    expect(await raised(ALPHA, alphaKnown)).toEqual([]);
    const mark = await lastPosition();
    await ingest("pumping-2.csv", short(30));
    const alerts = await raised(ALPHA, alphaKnown);
    expect(alerts.map((a) => [a.rule, a.subject, a.windowStart, a.autoBlock, a.evidence.figures.calls])).toEqual([["TRAFFIC_PUMPING", "447700900", "2026-11-11T10:00:00.000Z", true, 60]]);
    expect(alerts[0].evidence.sampleCalls.map((c: any) => c.callId)).toEqual(["p0", "p1", "p2"]);
    const [event] = await eventsAfter(mark, "fraud");
    expect(event).toMatchObject({ type: "fraud.alert_raised", key: ALPHA, payload: { alertId: alerts[0].id, partnerId: ALPHA, rule: "TRAFFIC_PUMPING", autoBlock: true, severity: "HIGH" } });
    // The same window tripped again raises nothing more.
    await ingest("pumping-3.csv", short(0).map((l) => l.replace(/^p/, "q")));
    expect(await raised(ALPHA, alphaKnown)).toEqual([]);
  });

  it("raise DESTINATION_SURGE for minutes to a destination far above its trailing baseline", async () => {
    await ingest("surge.csv", Array.from({ length: 70 }, (_, i) => call(`s${i}`, `${day(12)}T10:${String(i % 60).padStart(2, "0")}:${i < 60 ? "00" : "30"}Z`, 120, `9198765${String(i).padStart(5, "0")}`)));
    const alerts = await raised(ALPHA, alphaKnown);
    expect(alerts.map((a) => [a.rule, a.subject, a.windowStart, a.severity, a.evidence.figures.minutes])).toEqual([["DESTINATION_SURGE", "India", "2026-11-12T10:00:00.000Z", "HIGH", 140]]);
    // Baseline: India's 5 minutes a day on the 4 usual days in the 7 days before, per hour.
    expect(alerts[0].evidence.figures.baselineMinutesPerHour).toBe(Math.round((20 / 168) * 100) / 100);
    expect(alerts[0].evidence.sampleCalls).toHaveLength(3);
  });

  it("raise IRSF_RANGE for a call into an imported IRSF range, with the call as evidence", async () => {
    await ingest("irsf.csv", [call("sat-1", `${day(13)}T03:00:00Z`, 60, "882131234567"), call("so-ok", `${day(13)}T03:01:00Z`, 60, "252611234567")]);
    const alerts = await raised(ALPHA, alphaKnown);
    expect(alerts.map((a) => [a.rule, a.subject, a.windowStart, a.evidence.figures.rangeName])).toEqual([["IRSF_RANGE", "88213", "2026-11-13T00:00:00.000Z", "Thuraya"]]);
    expect(alerts[0].evidence.sampleCalls).toEqual([{ callId: "sat-1", bNumber: "882131234567", start: "2026-11-13T03:00:00.000Z", duration: 60 }]);
  });

  it("raise NEW_DESTINATION for a destination without traffic in the trailing window getting many calls", async () => {
    await ingest("new-destination.csv", Array.from({ length: 25 }, (_, i) => call(`n${i}`, `${day(14)}T10:${String(i).padStart(2, "0")}:00Z`, 60, `3712955${String(i).padStart(4, "0")}`)));
    const alerts = await raised(ALPHA, alphaKnown);
    expect(alerts.map((a) => [a.rule, a.subject, a.windowStart, a.evidence.figures.calls])).toEqual([["NEW_DESTINATION", "Latvia", "2026-11-14T00:00:00.000Z", 25]]);
  });

  it("raise SPEND_PER_HOUR and SPEND_PER_DAY in the partner's currency and days, once per window", async () => {
    const bravoKnown = new Set<string>();
    await query(`mutation($p: ID!) { setFraudRules(partnerId: $p, input: { spendPerHour: { enabled: true, cap: "8" }, spendPerDay: { enabled: true, cap: "20" }, destinationSurge: { enabled: false } }) { spendPerHour { cap } } }`, { p: BRAVO });
    // 10 hours of calls to the UK at BRAVO's 0.02 USD a minute (since the re-rating above): 12 USD, 10.80 EUR an hour. (The
    // second hour would be a surge over the first: that rule is off for BRAVO.)
    const hour = (h: string, tag: string) => Array.from({ length: 10 }, (_, i) => call(`${tag}${i}`, `2026-11-20T${h}:0${i}:00Z`, 3600, `4420794611${String(i).padStart(2, "0")}`, "bravo"));
    await ingest("bravo-10h.csv", hour("10", "x"));
    expect((await raised(BRAVO, bravoKnown)).map((a) => [a.rule, a.windowStart, a.evidence.figures.spend, a.evidence.figures.currency])).toEqual([["SPEND_PER_HOUR", "2026-11-20T10:00:00.000Z", "10.8", "EUR"]]);
    await ingest("bravo-14h.csv", hour("14", "y"));
    // Paris's day of 20 November starts at 23:00 UTC the day before.
    expect((await raised(BRAVO, bravoKnown)).map((a) => [a.rule, a.windowStart, a.evidence.figures.spend]).sort()).toEqual([
      ["SPEND_PER_DAY", "2026-11-19T23:00:00.000Z", "21.6"],
      ["SPEND_PER_HOUR", "2026-11-20T14:00:00.000Z", "10.8"],
    ]);
    expect(await raised(ALPHA, alphaKnown)).toEqual([]);
  });

  it("are acknowledged and closed by operators, audited, and refused to partners and viewers", async () => {
    const [alert] = (await alertsOf(ALPHA)).filter((a) => a.rule === "IRSF_RANGE");
    const ack = await query(`mutation($id: ID!) { acknowledgeFraudAlert(id: $id, note: "calling the customer") { status acknowledgedBy note } }`, { id: alert.id });
    expect(ack.acknowledgeFraudAlert).toEqual({ status: "ACKNOWLEDGED", acknowledgedBy: "operator:Operator", note: "calling the customer" });
    const closed = await query(`mutation($id: ID!) { closeFraudAlert(id: $id, resolution: "PBX hacked; passwords changed") { status closedBy resolution } }`, { id: alert.id });
    expect(closed.closeFraudAlert).toMatchObject({ status: "CLOSED", resolution: "PBX hacked; passwords changed" });
    expect(errorCodes(await gql(`mutation($id: ID!) { closeFraudAlert(id: $id, resolution: "again") { status } }`, { id: alert.id }))).toEqual(["CONFLICT"]);
    expect(errorCodes(await gql(`mutation($id: ID!) { acknowledgeFraudAlert(id: $id) { status } }`, { id: alert.id }, partner(ALPHA)))).toEqual(["FORBIDDEN"]);
    const { rows } = await db.query(`SELECT action, actor FROM audit.entry WHERE entity_type = 'FRAUD_ALERT' AND entity_id = $1 ORDER BY id`, [alert.id]);
    expect(rows).toEqual([
      { action: "fraud_alert.raised", actor: "service:rating.fraud-monitor" },
      { action: "fraud_alert.acknowledged", actor: "operator:Operator" },
      { action: "fraud_alert.closed", actor: "operator:Operator" },
    ]);
    // A partner sees its own alerts and their status, not who handled them.
    const own = await alertsOf(ALPHA, partner(ALPHA));
    expect(own.find((a) => a.id === alert.id)).toMatchObject({ status: "CLOSED", acknowledgedBy: null });
    expect(errorCodes(await gql(`query($f: FraudAlertFilter) { fraudAlerts(filter: $f) { totalCount } }`, { f: { partnerId: BRAVO } }, partner(ALPHA)))).toEqual(["FORBIDDEN"]);
    const filtered = await query(`{ fraudAlerts(filter: { status: CLOSED }) { edges { node { id } } } }`);
    expect(filtered.fraudAlerts.edges.map((e: any) => e.node.id)).toEqual([alert.id]);
  });

  it("are set per partner within bounds, each bad threshold named, and kept from partners", async () => {
    const res = await gql(`mutation($p: ID!) { setFraudRules(partnerId: $p, input: { spendPerDay: { enabled: true, cap: null }, trafficPumping: { maxSeconds: 999 } }) { updatedAt } }`, { p: BRAVO });
    expect(res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", problems: [{ field: "spendPerDay.cap", message: "is required to enable the rule" }, { field: "trafficPumping.maxSeconds", message: "must be an integer from 1 to 300" }] });
    const rules = await query(`query($p: ID!) { fraudRules(partnerId: $p) { spendPerHour { enabled cap autoBlock } trafficPumping { minCalls maxSeconds autoBlock } newDestination { minCalls trailingDays } } }`, { p: ALPHA });
    expect(rules.fraudRules).toEqual({ spendPerHour: { enabled: true, cap: "3", autoBlock: false }, trafficPumping: { minCalls: 50, maxSeconds: 10, autoBlock: true }, newDestination: { minCalls: 20, trailingDays: 30 } });
    expect(errorCodes(await gql(`query($p: ID!) { fraudRules(partnerId: $p) { updatedAt } }`, { p: ALPHA }, partner(ALPHA)))).toEqual(["FORBIDDEN"]);
  });
});

describe("subscriptions over graphql-ws", () => {
  const clients: WsClient[] = [];
  afterAll(() => Promise.all(clients.map((c) => c.dispose())));

  /** Takes `count` events of a subscription, then leaves; an error ends it with the error's codes. */
  function take(principal: Principal, operation: string, variables: Record<string, unknown>, count: number): Promise<any[]> {
    const client = createClient({ url: url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { [PRINCIPAL_HEADER]: sign(principal) } });
    clients.push(client);
    const received: any[] = [];
    return new Promise((resolve, reject) => {
      const stop = client.subscribe(
        { query: operation, variables },
        {
          next: (msg) => {
            if (msg.errors) return reject(new Error(JSON.stringify(msg.errors)));
            received.push(Object.values(msg.data!)[0]);
            if (received.length === count) {
              stop();
              resolve(received);
            }
          },
          error: (err) => reject(err instanceof Error ? err : new Error(JSON.stringify(err))),
          complete: () => resolve(received),
        },
      );
    });
  }

  const TRAFFIC = `subscription($p: ID, $d: String, $after: String) { trafficUpdates(partnerId: $p, destination: $d, after: $after) {
    position jobId kind partnerId partner { id } role from to blocked currency calls answered minutes asr acd amount baseCurrency revenue cost margin
    destinations { destination calls minutes amount revenue margin } } }`;

  it("stream a partner its own traffic as blocks commit, without the base-currency figures, and resume after a position", async () => {
    const after = await lastPosition();
    const alpha = take(partner(ALPHA), TRAFFIC, { after }, 1);
    const operator = take(OPERATOR, TRAFFIC, { after, p: BRAVO, d: "India" }, 1);
    await ingest("june-17.csv", [call("w1", "2026-06-17T10:00:00Z", 120, "447700900009"), call("w2", "2026-06-17T10:01:00Z", 60, "919812345600", "bravo"), call("w3", "2026-06-17T10:02:00Z", 60, "447700900010", "bravo")]);
    const [own] = await alpha;
    expect(own).toMatchObject({ partnerId: ALPHA, partner: { id: ALPHA }, kind: "INGEST", role: "CUSTOMER", blocked: false, currency: "USD", calls: 1, answered: 1, minutes: 2, asr: 1, acd: 120, amount: "0.02" });
    expect([own.baseCurrency, own.revenue, own.cost, own.margin, own.destinations[0].margin]).toEqual([null, null, null, null, null]);
    const [bravo] = await operator;
    // BRAVO's batch as one destination: India's minute only, with its margin (0.012 - 0.009 USD); amount in EUR.
    expect(bravo).toMatchObject({ partnerId: BRAVO, calls: 1, minutes: 1, amount: "0.0108", baseCurrency: "USD", revenue: "0.012", cost: "0.009", margin: "0.003", destinations: [{ destination: "India", calls: 1 }] });

    await ingest("june-18.csv", [call("w4", "2026-06-18T10:00:00Z", 60, "447700900011")]);
    const [resumed] = await take(partner(ALPHA), TRAFFIC, { after: own.position }, 1);
    expect([resumed.partnerId, resumed.from, resumed.amount]).toEqual([ALPHA, "2026-06-18T10:00:00.000Z", "0.01"]);
  });

  it("refuse a partner asking for another partner's traffic", async () => {
    await expect(take(partner(ALPHA), TRAFFIC, { p: BRAVO }, 1)).rejects.toThrow(/FORBIDDEN|only read its own/);
  });

  it("stream fraud alerts from the start of the log in order, a partner its own only", async () => {
    const own = (await eventsAfter("0", "fraud")).filter((e) => e.key === ALPHA);
    expect(own.length).toBeGreaterThanOrEqual(6);
    const events = await take(partner(ALPHA), `subscription { fraudAlerts(after: "0") { type position partnerId rule status alert { id status } } }`, {}, own.length);
    expect(events.map((e) => [e.position, e.type, e.partnerId])).toEqual(own.map((e) => [e.position, e.type, ALPHA]));
    expect(events.find((e) => e.type === "fraud.alert_closed")).toMatchObject({ status: "CLOSED", alert: { status: "CLOSED" } });
    await expect(take(partner(ALPHA), `subscription($p: ID) { fraudAlerts(partnerId: $p) { type } }`, { p: BRAVO }, 1)).rejects.toThrow(/FORBIDDEN|only read its own/);
  });
});
