import { Client } from "pg";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { errorCodes, graphqlAudience, graphqlRequest, PRINCIPAL_HEADER, signPrincipal, uploadAudience, type Principal } from "@intersettle/shared";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { createPartner } from "./support/fixtures";
import { rawRequest } from "./support/raw-http";

let hub: TestHub;
let base: string;
let cardId: string;
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const operator: Principal = { kind: "operator", id: "o", name: "noc", roles: ["ADMIN" as never] };

beforeAll(async () => {
  process.env.INTERSETTLE_MAX_DECK_UPLOAD_MB = "0.01"; // 10,485 bytes
  hub = await startTestHub("edge_uploads");
  base = hub.url.replace(/\/graphql$/, "");
  const partner = await createPartner(hub, "DECKS", { roles: ["VENDOR"] });
  const card = await hub.query(`mutation($p: ID!) { createRateCard(input: { partnerId: $p, name: "A-Z", direction: BUY, currency: "USD", service: VOICE }) { id } }`, { p: partner.id });
  cardId = card.data.createRateCard.id;
});
afterAll(() => hub?.stop());

async function count(sql: string): Promise<number> {
  const db = new Client({ connectionString: hub.databaseUrl });
  await db.connect();
  try {
    return (await db.query(sql)).rows[0].n;
  } finally {
    await db.end();
  }
}
const effects = async () => ({
  jobs: await count(`SELECT count(*)::int AS n FROM rating.ingestion_job`),
  versions: await count(`SELECT count(*)::int AS n FROM rating.rate_card_version`),
  partners: await count(`SELECT count(*)::int AS n FROM partners.partner`),
});

describe("upload routes", () => {
  it("forwards only the declared routes: encoded, dotted, doubled or unknown paths are 404 and reach nothing", async () => {
    const before = await effects();
    const mutation = JSON.stringify({ query: `mutation { createPartner(input: { code: "SMUGGLED", legalName: "x", types: [CARRIER], roles: [CUSTOMER], currency: "USD", timezone: "UTC" }) { id } }` });
    const paths = [
      "/files/rating/graphql",
      "/files/rating/%2e%2e/graphql",
      "/files/rating/..%2fgraphql",
      "/files/rating/../graphql",
      "/files/rating/./cdrs",
      "/files/rating//cdrs",
      "/files//rating/cdrs",
      "/files/rating/cdrs/",
      "/files/rating/cdrs/..",
      "/files/rating/%63drs",
      "/files/RATING/cdrs",
      "/files/rating/unknown",
      "/files/partners/graphql",
      "/files/partners/cdrs",
      "/files/rating",
      "/files/%2e%2e/graphql",
      "/files/rating/cdrs%3F/../../graphql",
    ];
    for (const path of paths) {
      const res = await rawRequest(base, { path, headers: { ...auth, "content-type": "application/json" }, body: mutation });
      expect([path, res.status, errorCodes(res.json)]).toEqual([path, 404, ["NOT_FOUND"]]);
    }
    expect(await effects()).toEqual(before);
  });

  it("passes the query string on as parameters only, never as part of the path", async () => {
    const res = await rawRequest(base, { path: `/files/rating/cdrs?source=${encodeURIComponent("../graphql")}&fileName=%2F..%2Fgraphql%3F`, headers: { ...auth, "content-type": "text/csv" }, body: "call_id\n" });
    // The cdrs route answered (an unknown source), not /graphql.
    expect(res.json.data).toBeUndefined();
    expect(res.json.errors[0].message).toMatch(/source/i);
  });

  it("answers 413 before reading a body whose Content-Length is over the route's limit", async () => {
    const before = await effects();
    const res = await rawRequest(base, {
      path: `/files/rating/rate-decks?rateCardId=${cardId}&mode=FULL`,
      headers: { ...auth, "content-type": "text/csv", "content-length": String(50 * 1024 * 1024) },
      body: "prefix,destination,rate\n",
    });
    expect(res.status).toBe(413);
    expect(res.json.errors[0]).toEqual({ message: "The file is larger than the 0.01 MB allowed for /files/rating/rate-decks", extensions: { code: "PAYLOAD_TOO_LARGE", limitBytes: 10485 } });
    expect(await effects()).toEqual(before);
  });

  it("cuts off a chunked body with 413 once it passes the limit", async () => {
    const before = await effects();
    const res = await rawRequest(base, { path: `/files/rating/rate-decks?rateCardId=${cardId}&mode=FULL`, headers: { ...auth, "content-type": "text/csv" }, chunks: { size: 4096, count: 10_000 } });
    expect(res.status).toBe(413);
    expect(errorCodes(res.json)).toEqual(["PAYLOAD_TOO_LARGE"]);
    expect(await effects()).toEqual(before);
  });

  it("still takes a file under the limit", async () => {
    const res = await rawRequest(base, {
      path: `/files/rating/rate-decks?rateCardId=${cardId}&mode=FULL&effectiveFrom=2026-01-01T00:00:00Z`,
      headers: { ...auth, "content-type": "text/csv" },
      body: "prefix,destination,rate\n44,UK,0.0100\n",
    });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ version: 1, rowCount: 1 });
  });
});

describe("principals bound to route and audience", () => {
  it("refuses at /graphql a principal signed for an upload route", async () => {
    const header = signPrincipal(operator, hub.internalSecret, { audience: uploadAudience("rating", "cdrs") });
    const res = await graphqlRequest(hub.subgraphUrls.rating, `{ rateCards { totalCount } }`, {}, { [PRINCIPAL_HEADER]: header });
    expect(res.status).toBe(401);
    expect(errorCodes(res)).toEqual(["UNAUTHENTICATED"]);
  });

  it("refuses at an upload route a principal signed for /graphql or for another upload route", async () => {
    const ratingBase = hub.subgraphUrls.rating.replace(/\/graphql$/, "");
    for (const audience of [graphqlAudience("rating"), uploadAudience("rating", "rate-decks")]) {
      const res = await rawRequest(ratingBase, { path: "/files/cdrs?source=X", headers: { [PRINCIPAL_HEADER]: signPrincipal(operator, hub.internalSecret, { audience }) }, body: "x" });
      expect(res.status).toBe(401);
    }
  });

  it("refuses at partners a principal signed for rating, over HTTP and graphql-ws alike", async () => {
    const header = signPrincipal(operator, hub.internalSecret, { audience: graphqlAudience("rating") });
    const res = await graphqlRequest(hub.subgraphUrls.partners, `{ partners { totalCount } }`, {}, { [PRINCIPAL_HEADER]: header });
    expect(res.status).toBe(401);
    const ok = await graphqlRequest(hub.subgraphUrls.partners, `{ partners { totalCount } }`, {}, { [PRINCIPAL_HEADER]: signPrincipal(operator, hub.internalSecret, { audience: graphqlAudience("partners") }) });
    expect(ok.status).toBe(200);
    const client = createClient({ url: hub.subgraphUrls.partners.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { [PRINCIPAL_HEADER]: header } });
    const outcome = await new Promise<string>((resolve) => {
      client.subscribe({ query: `subscription { partnerEvents { type } }` }, { next: () => resolve("data"), error: () => resolve("refused"), complete: () => resolve("complete") });
    });
    await client.dispose();
    expect(outcome).toBe("refused");
  });
});
