import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { errorCodes } from "@intersettle/shared";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { createPartner, issueApiKey } from "./support/fixtures";
import { querySql } from "./support/database";
import { Client } from "pg";
import { PricePlans1764700000000 } from "../../subgraphs/rating/src/migrations/1764700000000-price-plans";

/**
 * Price plans through the real hub: which of a partner's cards prices a call, by date, trunk mapping and agreement —
 * in ingestion (inline and in rating threads), re-rating and quotes — and who may read and set them.
 */
let hub: TestHub;
let customer: { id: string };
let vendor: { id: string };
let other: { id: string };
let customerKey: string;
let otherKey: string;
const cards: Record<"old" | "new" | "vip" | "deal" | "buy" | "otherSell", string> = {} as never;
let mappingA: string;
let mappingVip: string;
let mappingVendor: string;
let agreementId: string;
let newPlanId: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intersettle-plans-"));

const PLAN = `id partnerId direction service rateCardId trunkMappingId agreementId effectiveFrom effectiveTo rateCard { name }`;
const SET = `mutation($i: SetPricePlanInput!) { setPricePlan(input: $i) { ${PLAN} } }`;
const PLANS = `query($p: ID!, $d: RateDirection) { pricePlans(partnerId: $p, direction: $d) { totalCount edges { node { ${PLAN} } } } }`;
const QUOTE = `query($p: ID!, $at: DateTimeISO!, $m: ID) { partnerRateQuote(partnerId: $p, direction: SELL, service: VOICE, number: "919876543210", at: $at, quantity: 60, trunkMappingId: $m) {
  rated rateCardId amount pricePlan { id rateCardId trunkMappingId agreementId } } }`;

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await hub.query(query, variables, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
}

async function card(partnerId: string, name: string, direction: string, rate: string): Promise<string> {
  const c = await ok(`mutation($p: ID!, $n: String!, $d: RateDirection!) { createRateCard(input: { partnerId: $p, name: $n, direction: $d, currency: "USD", service: VOICE }) { id } }`, { p: partnerId, n: name, d: direction });
  await ok(`mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, { i: { rateCardId: c.createRateCard.id, mode: "FULL", content: `prefix,destination,rate\n91,India,${rate}`, effectiveFrom: "2026-01-01T00:00:00Z" } });
  return c.createRateCard.id;
}

async function mapping(sourceId: string, side: string, value: string, partnerId: string): Promise<string> {
  return (await ok(`mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId, side, match: "TRUNK", value, partnerId } })).addTrunkMapping.id;
}

/** One answered 60 s call to India; `start` is UTC (the source's timezone). */
const call = (id: string, inTrunk: string, start: string) =>
  `"1001","+442079460018","00919876543210","from-carrier","","SIP/${inTrunk}-0000001a","SIP/vendorB-0000001b","Dial","","${start}","${start}","${start}","65","60","DOCUMENTATION","ANSWERED","","${id}"`;

async function ingest(fileName: string, calls: string[]) {
  return (await ok(`mutation($i: IngestCdrsInput!) { ingestCdrs(input: $i) { status read rated unrated } }`, { i: { source: "PLANS", fileName, content: calls.join("\n") } })).ingestCdrs;
}

/** Each call's SELL card and revenue, by call id. */
async function priced(ids: string[]): Promise<Record<string, [card: string, revenue: string]>> {
  const rows = await querySql(hub.databaseUrl, `SELECT call_id, customer_card, revenue::text FROM rating.rated_cdr WHERE call_id = ANY($1)`, [ids]);
  return Object.fromEntries(rows.map((r) => [r.call_id, [r.customer_card, r.revenue]]));
}

const plansOf = async (partnerId: string) => (await ok(PLANS, { p: partnerId, d: "SELL" })).pricePlans.edges.map((e: any) => e.node);

beforeAll(async () => {
  hub = await startTestHub("price-plans");
  customer = await createPartner(hub, "PLAN_CUSTOMER", { roles: ["CUSTOMER"], timezone: "Europe/London", rounding: { decimals: 4, mode: "HALF_UP", scope: "PER_CDR" } });
  vendor = await createPartner(hub, "PLAN_VENDOR", { roles: ["VENDOR"] });
  other = await createPartner(hub, "PLAN_OTHER", { roles: ["CUSTOMER"] });
  customerKey = (await issueApiKey(hub, customer.id)).secret;
  otherKey = (await issueApiKey(hub, other.id)).secret;
  // The older card is the cheaper one: it is the customer's first SELL card, so its default plan.
  cards.old = await card(customer.id, "Old sell", "SELL", "0.0100");
  cards.new = await card(customer.id, "New sell", "SELL", "0.0200");
  cards.vip = await card(customer.id, "VIP trunk", "SELL", "0.0300");
  cards.deal = await card(customer.id, "May deal", "SELL", "0.0400");
  cards.buy = await card(vendor.id, "Vendor buy", "BUY", "0.0050");
  cards.otherSell = await card(other.id, "Other sell", "SELL", "0.0900");
  const source = await ok(`mutation { createCdrSource(input: { code: "PLANS", name: "Plans PBX", format: ASTERISK, timezone: "UTC", countryCode: "44", nationalPrefix: "0" }) { id } }`);
  const sourceId = source.createCdrSource.id;
  mappingA = await mapping(sourceId, "INGRESS", "carrierA", customer.id);
  mappingVip = await mapping(sourceId, "INGRESS", "carrierVIP", customer.id);
  mappingVendor = await mapping(sourceId, "EGRESS", "vendorB", vendor.id);
  const agreement = await ok(`mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id } }`, {
    i: { partnerId: customer.id, reference: "MAY-DEAL", type: "BILATERAL", services: ["VOICE"], validFrom: "2026-05-01", validTo: "2026-05-31", status: "ACTIVE" },
  });
  agreementId = agreement.createAgreement.id;
}, 120_000);
afterAll(async () => {
  await hub?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("price plans", () => {
  it("gives each partner's first card of a direction and service its default plan, and no other card one", async () => {
    expect(await plansOf(customer.id)).toEqual([
      { id: expect.any(String), partnerId: customer.id, direction: "SELL", service: "VOICE", rateCardId: cards.old, trunkMappingId: null, agreementId: null, effectiveFrom: "1970-01-01T00:00:00.000Z", effectiveTo: null, rateCard: { name: "Old sell" } },
    ]);
    expect((await ok(PLANS, { p: vendor.id })).pricePlans.edges.map((e: any) => [e.node.direction, e.node.rateCardId])).toEqual([["BUY", cards.buy]]);
  });

  it("is what the upgrade's migration backfills: each partner, direction and service's oldest card, from 1970", async () => {
    const db = new Client({ connectionString: hub.databaseUrl });
    await db.connect();
    const runner = { query: (sql: string) => db.query(sql).then((r) => r.rows) } as never;
    const plans = `SELECT partner_id, direction, service, rate_card_id, trunk_mapping_id, agreement_id, effective_from, effective_to FROM rating.price_plan ORDER BY partner_id, direction`;
    try {
      await db.query("BEGIN");
      const created = (await db.query(plans)).rows;
      await new PricePlans1764700000000().down(runner);
      await new PricePlans1764700000000().up(runner);
      expect((await db.query(plans)).rows).toEqual(created);
      expect(created).toHaveLength(3);
    } finally {
      await db.query("ROLLBACK");
      await db.end();
    }
  });

  it("prices calls on the default (oldest) card before any change", async () => {
    expect(await ingest("before.csv", [call("p.1", "carrierA", "2026-03-20 10:00:00"), call("p.2", "carrierA", "2026-04-10 10:00:00")])).toMatchObject({ status: "COMPLETED", rated: 2, unrated: 0 });
    expect(await priced(["p.1", "p.2"])).toEqual({ "p.1": [cards.old, "0.01"], "p.2": [cards.old, "0.01"] });
  });

  it("moves to the newer card from a date: the default ends there, audited and published on rates", async () => {
    const before = Number((await querySql(hub.databaseUrl, `SELECT coalesce(max(id), 0)::text AS id FROM events.event`))[0].id);
    const set = await ok(SET, { i: { partnerId: customer.id, direction: "SELL", service: "VOICE", rateCardId: cards.new, effectiveFrom: "2026-04-01T00:00:00Z" } });
    newPlanId = set.setPricePlan.id;
    expect(set.setPricePlan).toMatchObject({ rateCardId: cards.new, effectiveFrom: "2026-04-01T00:00:00.000Z", effectiveTo: null, rateCard: { name: "New sell" } });
    const plans = await plansOf(customer.id);
    const defaultPlan = plans.find((p: any) => p.rateCardId === cards.old);
    expect(defaultPlan.effectiveTo).toBe("2026-04-01T00:00:00.000Z");

    const events = await querySql(hub.databaseUrl, `SELECT topic, type, key, payload FROM events.event WHERE id > $1 AND topic = 'rates' ORDER BY id`, [before]);
    expect(events).toEqual([
      {
        topic: "rates", type: "price_plan.changed", key: customer.id,
        payload: { pricePlanId: defaultPlan.id, partnerId: customer.id, direction: "SELL", service: "VOICE", rateCardId: cards.old, trunkMappingId: null, agreementId: null, effectiveFrom: "1970-01-01T00:00:00.000Z", effectiveTo: "2026-04-01T00:00:00.000Z", action: "ENDED" },
      },
      {
        topic: "rates", type: "price_plan.changed", key: customer.id,
        payload: { pricePlanId: newPlanId, partnerId: customer.id, direction: "SELL", service: "VOICE", rateCardId: cards.new, trunkMappingId: null, agreementId: null, effectiveFrom: "2026-04-01T00:00:00.000Z", effectiveTo: null, action: "SET" },
      },
    ]);
    const trail = await ok(`query($id: ID!) { auditTrail(filter: { entityType: PRICE_PLAN, entityId: $id }) { edges { node { subgraph action actor partnerId after } } } }`, { id: newPlanId });
    expect(trail.auditTrail.edges.map((e: any) => e.node)).toEqual([
      { subgraph: "rating", action: "price_plan.set", actor: expect.stringContaining("operator:"), partnerId: customer.id, after: expect.objectContaining({ rateCardId: cards.new, effectiveTo: null }) },
    ]);
    const ended = await ok(`query($id: ID!) { auditTrail(filter: { entityType: PRICE_PLAN, entityId: $id }) { edges { node { action before after } } } }`, { id: defaultPlan.id });
    expect(ended.auditTrail.edges.map((e: any) => [e.node.action, e.node.before?.effectiveTo ?? null, e.node.after.effectiveTo])).toEqual(
      expect.arrayContaining([["price_plan.ended", null, "2026-04-01T00:00:00.000Z"]]),
    );
  });

  it("prices new calls by the plan in force at each call's start, through the gateway's upload route too", async () => {
    const file = [call("p.3", "carrierA", "2026-03-31 23:59:59"), call("p.4", "carrierA", "2026-04-01 00:00:00")].join("\n");
    const res = await fetch(`${hub.url.replace(/\/graphql$/, "")}/files/rating/cdrs?source=PLANS&fileName=upload.csv`, { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, body: file });
    expect(res.status).toBe(200);
    expect(await priced(["p.3", "p.4"])).toEqual({ "p.3": [cards.old, "0.01"], "p.4": [cards.new, "0.02"] });
  });

  it("re-rates a period after the change with the plan in force at each call's time", async () => {
    const res = await ok(`mutation($p: ID!) { rerateCalls(input: { partnerId: $p, from: "2026-03-01T00:00:00Z", to: "2026-04-30T00:00:00Z" }) { status calls changed } }`, { p: customer.id });
    expect(res.rerateCalls).toEqual({ status: "COMPLETED", calls: 4, changed: 1 });
    expect(await priced(["p.1", "p.2"])).toEqual({ "p.1": [cards.old, "0.01"], "p.2": [cards.new, "0.02"] });
  });

  it("prices calls on one trunk mapping with its override, and the others on the default", async () => {
    await ok(SET, { i: { partnerId: customer.id, direction: "SELL", service: "VOICE", rateCardId: cards.vip, trunkMappingId: mappingVip, effectiveFrom: "2026-01-01T00:00:00Z" } });
    await ingest("vip.csv", [call("v.1", "carrierVIP", "2026-03-20 10:00:00"), call("v.2", "carrierVIP", "2026-04-20 10:00:00"), call("v.3", "carrierA", "2026-04-20 11:00:00")]);
    expect(await priced(["v.1", "v.2", "v.3"])).toEqual({ "v.1": [cards.vip, "0.03"], "v.2": [cards.vip, "0.03"], "v.3": [cards.new, "0.02"] });
  });

  it("applies an agreement's override only inside the agreement's validity (its dates in the partner's timezone), in rating threads too", async () => {
    await ok(SET, { i: { partnerId: customer.id, direction: "SELL", service: "VOICE", rateCardId: cards.deal, agreementId, effectiveFrom: "2026-01-01T00:00:00Z" } });
    const calls = [
      call("d.1", "carrierA", "2026-04-30 22:59:59"), // 23:59:59 in London (BST), 30 April: before the agreement
      call("d.2", "carrierA", "2026-04-30 23:00:00"), // midnight in London, 1 May: its first instant
      call("d.3", "carrierA", "2026-05-31 22:59:59"), // its last second
      call("d.4", "carrierA", "2026-05-31 23:00:00"), // 1 June in London: over
      call("d.5", "carrierVIP", "2026-05-15 10:00:00"), // the trunk mapping's override is more specific than the agreement's
    ];
    fs.writeFileSync(path.join(dir, "deal.csv"), calls.join("\n") + "\n");
    const services = hub.subgraphServices.rating as any;
    // Blocks of two lines: the file is rated by threads, which must receive the plans and agreements with the cards.
    const job = await services.ingestion.ingest({ kind: "service", service: "test" }, { source: "PLANS", fileName: "deal.csv", body: fs.createReadStream(path.join(dir, "deal.csv")), chunkSize: 2 });
    expect(job.timings.ratingThreads).toBeGreaterThan(0);
    expect(await priced(["d.1", "d.2", "d.3", "d.4", "d.5"])).toEqual({
      "d.1": [cards.new, "0.02"], "d.2": [cards.deal, "0.04"], "d.3": [cards.deal, "0.04"], "d.4": [cards.new, "0.02"], "d.5": [cards.vip, "0.03"],
    });
  });

  it("quotes a partner's call on the card its plan chooses, naming the card and the plan", async () => {
    const quote = async (at: string, m?: string, token?: string) => (await ok(QUOTE, { p: customer.id, at, m }, token)).partnerRateQuote;
    expect(await quote("2026-03-20T10:00:00Z")).toMatchObject({ rated: true, rateCardId: cards.old, amount: "0.01", pricePlan: { rateCardId: cards.old, trunkMappingId: null } });
    expect(await quote("2026-04-20T10:00:00Z", undefined, customerKey)).toMatchObject({ rateCardId: cards.new, amount: "0.02", pricePlan: { id: newPlanId } });
    expect(await quote("2026-04-20T10:00:00Z", mappingVip)).toMatchObject({ rateCardId: cards.vip, pricePlan: { trunkMappingId: mappingVip } });
    expect(await quote("2026-05-10T10:00:00Z")).toMatchObject({ rateCardId: cards.deal, amount: "0.04", pricePlan: { agreementId } });
    const none = await hub.query(QUOTE, { p: customer.id, at: "1969-12-31T23:59:59Z" });
    expect(errorCodes(none)).toEqual(["NOT_FOUND"]);
    expect(none.errors![0].message).toMatch(/SELL VOICE/);
    expect(errorCodes(await hub.query(QUOTE, { p: customer.id, at: "2026-04-20T10:00:00Z" }, otherKey))).toEqual(["FORBIDDEN"]);
  });

  it("ends and withdraws plans, keeping every scope free of overlaps", async () => {
    const vip = (await plansOf(customer.id)).find((p: any) => p.trunkMappingId === mappingVip);
    const end = `mutation($id: ID!, $at: DateTimeISO!) { endPricePlan(id: $id, at: $at) { id effectiveTo } }`;
    expect((await ok(end, { id: vip.id, at: "2026-06-01T00:00:00Z" })).endPricePlan.effectiveTo).toBe("2026-06-01T00:00:00.000Z");
    expect((await ok(QUOTE, { p: customer.id, at: "2026-06-10T10:00:00Z", m: mappingVip })).partnerRateQuote.rateCardId).toBe(cards.new);
    const early = await hub.query(end, { id: vip.id, at: "2025-12-31T00:00:00Z" });
    expect(early.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "at" });
    // A later plan for the mapping, then an attempt to stretch the first one over it.
    await ok(SET, { i: { partnerId: customer.id, direction: "SELL", service: "VOICE", rateCardId: cards.vip, trunkMappingId: mappingVip, effectiveFrom: "2026-07-01T00:00:00Z" } });
    const july = (await plansOf(customer.id)).find((p: any) => p.trunkMappingId === mappingVip && p.effectiveFrom === "2026-07-01T00:00:00.000Z");
    const stretch = await hub.query(end, { id: vip.id, at: "2026-08-01T00:00:00Z" });
    expect(stretch.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "at" });
    expect(stretch.errors![0].message).toContain(`overlaps plan ${july.id}`);
    // Withdrawn (ended at its start), the July plan is never in force, and no longer in the way.
    expect((await ok(end, { id: july.id, at: "2026-07-01T00:00:00Z" })).endPricePlan.effectiveTo).toBe("2026-07-01T00:00:00.000Z");
    expect((await ok(QUOTE, { p: customer.id, at: "2026-07-10T10:00:00Z", m: mappingVip })).partnerRateQuote.rateCardId).toBe(cards.new);
    expect((await ok(end, { id: vip.id, at: "2026-08-01T00:00:00Z" })).endPricePlan.effectiveTo).toBe("2026-08-01T00:00:00.000Z");
    expect((await ok(QUOTE, { p: customer.id, at: "2026-07-10T10:00:00Z", m: mappingVip })).partnerRateQuote.rateCardId).toBe(cards.vip);
  });

  it("refuses plans naming another partner's card, a card of another direction, a mapping or agreement not of the partner, or bad dates, naming the field", async () => {
    const base = { partnerId: customer.id, direction: "SELL", service: "VOICE", rateCardId: cards.new, effectiveFrom: "2027-01-01T00:00:00Z" };
    const field = async (input: Record<string, unknown>) => {
      const res = await hub.query(SET, { i: { ...base, ...input } });
      expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
      return [res.errors![0].extensions!.field, res.errors![0].message];
    };
    expect(await field({ rateCardId: cards.otherSell })).toEqual(["rateCardId", "rateCardId: is another partner's card"]);
    expect((await field({ direction: "BUY" }))[0]).toBe("rateCardId");
    expect(await field({ trunkMappingId: mappingVendor })).toEqual(["trunkMappingId", "trunkMappingId: does not map the partner"]);
    // A vendor's mapping on the egress side may carry its BUY override; a customer's ingress mapping cannot carry a BUY one.
    const vendorOverride = await hub.query(SET, { i: { partnerId: vendor.id, direction: "BUY", service: "VOICE", rateCardId: cards.buy, trunkMappingId: mappingVendor, effectiveFrom: "2027-01-01T00:00:00Z" } });
    expect(vendorOverride.errors).toBeUndefined();
    const buyOnIngress = await hub.query(SET, { i: { ...base, direction: "BUY", trunkMappingId: mappingA } });
    expect(buyOnIngress.errors![0].extensions!.problems).toEqual([
      { field: "rateCardId", message: "is a SELL VOICE card; the plan is BUY VOICE" },
      { field: "trunkMappingId", message: "maps the partner on the INGRESS side: a BUY plan prices calls seen on the EGRESS side" },
    ]);
    const otherDeal = await ok(`mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id } }`, { i: { partnerId: other.id, reference: "OTHER", type: "BILATERAL", services: ["VOICE"], validFrom: "2026-01-01", status: "ACTIVE" } });
    expect((await field({ agreementId: otherDeal.createAgreement.id }))[0]).toBe("agreementId");
    expect((await field({ effectiveTo: "2026-12-31T00:00:00Z" }))[0]).toBe("effectiveTo");
    // Ending the open default early would leave the partner without a plan after the new one ends.
    expect(await field({ effectiveTo: "2027-02-01T00:00:00Z" })).toEqual(["effectiveTo", expect.stringMatching(/would end at effectiveFrom and leave no plan after effectiveTo/)]);
    // Starting inside the closed default's period.
    expect(await field({ effectiveFrom: "2026-03-01T00:00:00Z" })).toEqual(["effectiveFrom", expect.stringMatching(/overlaps plan .* \(1970-01-01T00:00:00.000Z to 2026-04-01T00:00:00.000Z\)/)]);
    expect(errorCodes(await hub.query(SET, { i: { ...base, partnerId: "00000000-0000-4000-8000-000000000000" } }))).toEqual(["NOT_FOUND"]);
  });

  it("lets a partner read its own plans only, and set none", async () => {
    const own = await ok(PLANS, { p: customer.id }, customerKey);
    expect(own.pricePlans.totalCount).toBeGreaterThan(3);
    expect(errorCodes(await hub.query(PLANS, { p: customer.id }, otherKey))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await hub.query(SET, { i: { partnerId: other.id, direction: "SELL", service: "VOICE", rateCardId: cards.otherSell, effectiveFrom: "2027-01-01T00:00:00Z" } }, otherKey))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await hub.query(`mutation($id: ID!) { endPricePlan(id: $id, at: "2027-01-01T00:00:00Z") { id } }`, { id: newPlanId }, customerKey))).toEqual(["FORBIDDEN"]);
    expect(await plansOf(other.id)).toHaveLength(1);
  });
});
