import { downloadAudience, PRINCIPAL_HEADER, signPrincipal, type Principal, type TariffExportLine } from "@intersettle/shared";
import { Client } from "pg";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { createPartner, issueApiKey } from "./support/fixtures";

/** Rating's tariff export (routing's index source): through the gateway for operators, straight from rating for a hub service. */
let hub: TestHub;
let partnerKey: string;
let vendor: { id: string };
let bigCardId: string;
let emptyCardId: string;
let sellCardId: string;
let unplannedCardId: string;

const base = () => hub.url.replace(/\/graphql$/, "");
const get = (path: string, token = ADMIN_TOKEN) => fetch(`${base()}${path}`, { headers: { authorization: `Bearer ${token}` } });
const lines = (text: string) => text.trimEnd().split("\n").map((l) => JSON.parse(l) as TariffExportLine);
/** Enough rows for several cursor batches. */
const BIG_ROWS = 4500;

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await hub.query(query, variables);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
}

async function createCard(partnerId: string, name: string, direction: string, currency = "USD", timeBands: unknown[] = []): Promise<string> {
  const data = await ok(`mutation($i: CreateRateCardInput!) { createRateCard(input: $i) { id } }`, { i: { partnerId, name, direction, currency, service: "VOICE", timeBands } });
  return data.createRateCard.id;
}

async function uploadDeck(cardId: string, deck: string, effectiveFrom: string) {
  const res = await fetch(`${base()}/files/rating/rate-decks?rateCardId=${cardId}&mode=FULL&effectiveFrom=${effectiveFrom}`, { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, body: deck });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  hub = await startTestHub("tariff-export");
  vendor = await createPartner(hub, "EXPORT_VENDOR", { roles: ["VENDOR"], timezone: "Asia/Kolkata" });
  const customer = await createPartner(hub, "EXPORT_CUSTOMER", { roles: ["CUSTOMER"], currency: "EUR" });
  partnerKey = (await issueApiKey(hub, vendor.id)).secret;
  bigCardId = await createCard(vendor.id, "Vendor voice", "BUY", "USD", [{ name: "PEAK", weekdays: [1, 2, 3, 4, 5], start: "08:00", end: "18:00" }]);
  emptyCardId = await createCard(vendor.id, "Vendor spare", "SELL");
  sellCardId = await createCard(customer.id, "Customer voice", "SELL", "EUR");
  // The vendor's second BUY card: no plan names it, so it prices nothing and is not exported in full.
  unplannedCardId = await createCard(vendor.id, "Vendor backup", "BUY");
  const rows = Array.from({ length: BIG_ROWS }, (_, i) => `${9100000 + i},India ${i},0.0${(i % 9) + 1}00`);
  await uploadDeck(bigCardId, ["prefix,destination,rate,time_band", "44,UK,0.0100,", "44,UK,0.0200,PEAK", ...rows].join("\n"), "2026-01-01T00:00:00Z");
  await uploadDeck(sellCardId, "prefix,destination,rate,connect_fee\n44,UK,0.0150,0.0100", "2026-01-01T00:00:00Z");
  // A second FULL deck supersedes the first: only the current rows are exported, the closed one with its end.
  await uploadDeck(sellCardId, "prefix,destination,rate\n44,UK,0.0160\n33,France,0.0200", "2026-02-01T00:00:00Z");
  await ok(`mutation { a: setExchangeRate(input: { base: "EUR", quote: "USD", rate: "1.0800", effectiveDate: "2026-01-01" }) { id } b: setExchangeRate(input: { base: "USD", quote: "INR", rate: "83.25", effectiveDate: "2026-01-01" }) { id } }`);
}, 120_000);
afterAll(() => hub?.stop());

describe("the tariff export", () => {
  it("streams the plans, FX, then each planned card followed by its current rates, and an end line, to an operator through the gateway", async () => {
    const res = await get("/files/rating/tariff-export");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-ndjson");
    const all = lines(await res.text());
    expect(all.filter((l) => l.kind === "fx")).toEqual([
      { kind: "fx", base: "EUR", quote: "USD", rate: "1.08", effectiveDate: "2026-01-01" },
      { kind: "fx", base: "USD", quote: "INR", rate: "83.25", effectiveDate: "2026-01-01" },
    ]);
    const kinds = all.map((l) => l.kind).join(" ");
    expect(kinds).toMatch(/^(price_plan ){3}(fx ){2}(card (rate )*){3}end$/);
    // Each partner's first card of a direction and service is its default plan.
    expect(all.filter((l) => l.kind === "price_plan").map((p) => p.kind === "price_plan" && [p.rateCardId, p.direction, p.effectiveFrom, p.effectiveTo, p.trunkMappingId, p.agreementId]).sort()).toEqual(
      [bigCardId, emptyCardId, sellCardId].map((id) => [id, id === bigCardId ? "BUY" : "SELL", "1970-01-01T00:00:00.000Z", null, null, null]).sort(),
    );
    expect(all.find((l) => l.kind === "price_plan")).toEqual({
      kind: "price_plan", id: expect.any(String), partnerId: expect.any(String), direction: expect.any(String), service: "VOICE", rateCardId: expect.any(String),
      trunkMappingId: null, agreementId: null, effectiveFrom: "1970-01-01T00:00:00.000Z", effectiveTo: null,
    });
    const cards = all.filter((l) => l.kind === "card");
    expect(cards.map((c) => c.id).sort()).toEqual([bigCardId, emptyCardId, sellCardId].sort());
    expect(cards.find((c) => c.id === bigCardId)).toEqual({
      kind: "card", id: bigCardId, partnerId: vendor.id, direction: "BUY", service: "VOICE", currency: "USD", timezone: "Asia/Kolkata",
      timeBands: [{ name: "PEAK", weekdays: [1, 2, 3, 4, 5], start: "08:00", end: "18:00" }], version: 1,
    });
    // Each card's rates follow its line directly.
    let current: string | undefined;
    for (const l of all) {
      if (l.kind === "card") current = l.id;
      else if (l.kind === "rate") expect(l.cardId).toBe(current);
    }
    const rates = all.filter((l) => l.kind === "rate");
    expect(rates.filter((r) => r.cardId === bigCardId)).toHaveLength(BIG_ROWS + 2);
    expect(rates.filter((r) => r.cardId === bigCardId && r.prefix === "44")).toEqual([
      { kind: "rate", cardId: bigCardId, prefix: "44", destination: "UK", timeBand: null, rate: "0.01", nextRate: "0.01", connectFee: "0", initialInterval: 1, nextInterval: 1, gracePeriod: 0, effectiveFrom: "2026-01-01T00:00:00.000Z", effectiveTo: null, version: 1 },
      { kind: "rate", cardId: bigCardId, prefix: "44", destination: "UK", timeBand: "PEAK", rate: "0.02", nextRate: "0.02", connectFee: "0", initialInterval: 1, nextInterval: 1, gracePeriod: 0, effectiveFrom: "2026-01-01T00:00:00.000Z", effectiveTo: null, version: 1 },
    ]);
    expect(rates.filter((r) => r.cardId === sellCardId).map((r) => [r.prefix, r.rate, r.connectFee, r.effectiveFrom, r.effectiveTo, r.version])).toEqual([
      ["33", "0.02", "0", "2026-02-01T00:00:00.000Z", null, 2],
      ["44", "0.015", "0.01", "2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z", 1],
      ["44", "0.016", "0", "2026-02-01T00:00:00.000Z", null, 2],
    ]);
    expect(all.at(-1)).toEqual({ kind: "end", cards: 3, rates: BIG_ROWS + 2 + 3 });
  });

  it("exports one card alone with ?cardId=, and refuses a malformed or unknown card or another parameter", async () => {
    const one = lines(await (await get(`/files/rating/tariff-export?cardId=${sellCardId}`)).text());
    expect(one.map((l) => l.kind)).toEqual(["card", "rate", "rate", "rate", "end"]);
    expect(one.at(-1)).toEqual({ kind: "end", cards: 1, rates: 3 });
    const empty = lines(await (await get(`/files/rating/tariff-export?cardId=${emptyCardId}`)).text());
    expect(empty).toEqual([expect.objectContaining({ kind: "card", id: emptyCardId, version: 0 }), { kind: "end", cards: 1, rates: 0 }]);
    // A card no plan names is still exported on its own.
    expect(lines(await (await get(`/files/rating/tariff-export?cardId=${unplannedCardId}`)).text()).map((l) => l.kind)).toEqual(["card", "end"]);

    const malformed = await get("/files/rating/tariff-export?cardId=nope");
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "cardId" });
    const unknown = await get("/files/rating/tariff-export?cardId=00000000-0000-4000-8000-000000000000");
    expect(unknown.status).toBe(404);
    const extra = await get("/files/rating/tariff-export?partnerId=x");
    expect(extra.status).toBe(400);
  });

  it("refuses a partner, with nothing of any card in the answer", async () => {
    const res = await get("/files/rating/tariff-export", partnerKey);
    expect(res.status).toBe(403);
    const body = await res.text();
    expect(body).not.toContain(bigCardId);
    expect(JSON.parse(body).errors[0].extensions.code).toBe("FORBIDDEN");
    const anonymous = await fetch(`${base()}/files/rating/tariff-export`);
    expect(anonymous.status).toBe(401);
  });

  it("serves a hub service straight from the rating subgraph with a principal signed for that route, and nobody unsigned", async () => {
    const rating = new URL(hub.subgraphUrls.rating).origin;
    const signed = (principal: Principal, audience = downloadAudience("rating", "tariff-export")) => ({ [PRINCIPAL_HEADER]: signPrincipal(principal, hub.internalSecret, { audience, ttlSeconds: 60 }) });
    const res = await fetch(`${rating}/files/tariff-export`, { headers: signed({ kind: "service", service: "routing" }) });
    expect(res.status).toBe(200);
    expect(lines(await res.text()).at(-1)).toEqual({ kind: "end", cards: 3, rates: BIG_ROWS + 5 });
    expect((await fetch(`${rating}/files/tariff-export`)).status).toBe(401);
    // A header signed for another route (rating's GraphQL endpoint) is not good for this one.
    expect((await fetch(`${rating}/files/tariff-export`, { headers: signed({ kind: "service", service: "routing" }, "rating:/graphql") })).status).toBe(401);
    expect((await fetch(`${rating}/files/tariff-export`, { headers: signed({ kind: "partner", partnerId: vendor.id, credentialId: "c" }) })).status).toBe(403);
  });

  it("releases its database connection when the reader goes away half way", async () => {
    const rating = new URL(hub.subgraphUrls.rating).origin;
    const header = { [PRINCIPAL_HEADER]: signPrincipal({ kind: "service", service: "routing" }, hub.internalSecret, { audience: downloadAudience("rating", "tariff-export") }) };
    // Far more rounds than the pool has connections: a leaked connection per abandoned export would exhaust it.
    for (let i = 0; i < 12; i++) {
      const abort = new AbortController();
      const res = await fetch(`${rating}/files/tariff-export`, { headers: header, signal: abort.signal });
      const reader = res.body!.getReader();
      await reader.read();
      abort.abort();
      await reader.cancel().catch(() => undefined);
    }
    const db = new Client({ connectionString: hub.databaseUrl });
    await db.connect();
    // No export is left holding its snapshot open.
    const open = async () => (await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND query LIKE 'FETCH%'`)).rows[0].n;
    for (let tries = 0; (await open()) > 0 && tries < 50; tries++) await new Promise((r) => setTimeout(r, 100));
    expect(await open()).toBe(0);
    await db.end();
    const res = await get("/files/rating/tariff-export");
    expect(lines(await res.text()).at(-1)).toMatchObject({ kind: "end", cards: 3 });
  });
});
