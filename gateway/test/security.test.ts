import { Client } from "pg";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { errorCodes, graphqlAudience, graphqlRequest, PRINCIPAL_HEADER, signPrincipal } from "@intersettle/shared";
import { startTestHub, type TestHub } from "./support/test-hub";
import { createPartner, issueApiKey, partnerInput } from "./support/fixtures";

let hub: TestHub;
let alpha: { id: string };
let beta: { id: string };
let alphaKey: string;
let betaAgreementId: string;
let betaCredentialId: string;

beforeAll(async () => {
  hub = await startTestHub("security");
  alpha = await createPartner(hub, "ALPHA");
  beta = await createPartner(hub, "BETA");
  alphaKey = (await issueApiKey(hub, alpha.id)).secret;
  betaCredentialId = (await issueApiKey(hub, beta.id)).id;
  const agr = await hub.query(`mutation($p: ID!) { createAgreement(input: { partnerId: $p, reference: "B-1", type: WHOLESALE, services: [VOICE], validFrom: "2026-01-01" }) { id } }`, { p: beta.id });
  betaAgreementId = agr.data.createAgreement.id;
});
afterAll(() => hub?.stop());

describe("partner isolation", () => {
  it("lets a partner key see its own partner", async () => {
    const res = await hub.query(`{ viewer { kind partnerId partner { code } } partners { totalCount edges { node { code } } } }`, {}, alphaKey);
    expect(res.data.viewer).toEqual({ kind: "PARTNER", partnerId: alpha.id, partner: { code: "ALPHA" } });
    expect(res.data.partners).toEqual({ totalCount: 1, edges: [{ node: { code: "ALPHA" } }] });
  });

  it("answers another partner's records with NOT_FOUND or FORBIDDEN, never data", async () => {
    const byId = await hub.query(`query($id: ID!) { partner(id: $id) { code legalName } }`, { id: beta.id }, alphaKey);
    expect(errorCodes(byId)).toEqual(["NOT_FOUND"]);
    expect(byId.data).toBeUndefined();
    expect(errorCodes(await hub.query(`{ partnerByCode(code: "BETA") { id } }`, {}, alphaKey))).toEqual(["NOT_FOUND"]);
    expect(errorCodes(await hub.query(`query($id: ID!) { agreement(id: $id) { reference } }`, { id: betaAgreementId }, alphaKey))).toEqual(["NOT_FOUND"]);
    expect(errorCodes(await hub.query(`query($p: ID!) { agreements(filter: { partnerId: $p }) { totalCount } }`, { p: beta.id }, alphaKey))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await hub.query(`query($p: ID!) { apiCredentials(partnerId: $p) { totalCount } }`, { p: beta.id }, alphaKey))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await hub.query(`query($p: ID!) { auditTrail(filter: { partnerId: $p }) { totalCount } }`, { p: beta.id }, alphaKey))).toEqual(["FORBIDDEN"]);
    const lists = await hub.query(`{ agreements { totalCount } apiCredentials { edges { node { partnerId } } } auditTrail { edges { node { partnerId } } } }`, {}, alphaKey);
    expect(lists.data.agreements.totalCount).toBe(0);
    expect(new Set(lists.data.apiCredentials.edges.map((e: any) => e.node.partnerId))).toEqual(new Set([alpha.id]));
    expect(new Set(lists.data.auditTrail.edges.map((e: any) => e.node.partnerId))).toEqual(new Set([alpha.id]));
  });

  it("forbids a partner key every operator mutation", async () => {
    const create = await hub.query(`mutation($i: CreatePartnerInput!) { createPartner(input: $i) { id } }`, { i: partnerInput("SNEAKY") }, alphaKey);
    expect(errorCodes(create)).toEqual(["FORBIDDEN"]);
    const update = await hub.query(`mutation($id: ID!) { updatePartner(id: $id, input: { legalName: "pwned" }) { id } }`, { id: beta.id }, alphaKey);
    expect(errorCodes(update)).toEqual(["FORBIDDEN"]);
    const revoke = await hub.query(`mutation($id: ID!) { revokeApiCredential(id: $id) { id } }`, { id: betaCredentialId }, alphaKey);
    expect(errorCodes(revoke)).toEqual(["FORBIDDEN"]);
  });

  it("holds at the subgraph too: a correctly signed partner principal still cannot read another partner", async () => {
    const header = signPrincipal({ kind: "partner", partnerId: alpha.id, credentialId: "x" }, hub.internalSecret, { audience: graphqlAudience("partners") });
    const res = await graphqlRequest(hub.subgraphUrls.partners, `query($id: ID!) { partner(id: $id) { code } }`, { id: beta.id }, { [PRINCIPAL_HEADER]: header });
    expect(errorCodes(res)).toEqual(["NOT_FOUND"]);
  });

  it("resolves Partner entity references only for the caller's own partner", async () => {
    const header = signPrincipal({ kind: "partner", partnerId: alpha.id, credentialId: "x" }, hub.internalSecret, { audience: graphqlAudience("partners") });
    const res = await graphqlRequest(
      hub.subgraphUrls.partners,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { code } } }`,
      { r: [{ __typename: "Partner", id: alpha.id }, { __typename: "Partner", id: beta.id }] },
      { [PRINCIPAL_HEADER]: header },
    );
    expect(res.data._entities).toEqual([{ code: "ALPHA" }, null]);
  });
});

describe("authentication", () => {
  it("rejects requests without, or with an unknown, bearer secret", async () => {
    expect((await graphqlRequest(hub.url, `{ viewer { kind } }`)).status).toBe(401);
    const res = await graphqlRequest(hub.url, `{ viewer { kind } }`, {}, { authorization: "Bearer isk_not-a-real-key" });
    expect(res.status).toBe(401);
    expect(errorCodes(res)).toEqual(["UNAUTHENTICATED"]);
  });

  it("stops a revoked API key", async () => {
    const { id, secret } = await issueApiKey(hub, alpha.id);
    expect((await hub.query(`{ viewer { kind } }`, {}, secret)).status).toBe(200);
    await hub.query(`mutation($id: ID!) { revokeApiCredential(id: $id) { revokedAt } }`, { id });
    expect((await hub.query(`{ viewer { kind } }`, {}, secret)).status).toBe(401);
  });

  it("stores only hashes of secrets", async () => {
    const { secret } = await issueApiKey(hub, alpha.id);
    const db = new Client({ connectionString: hub.databaseUrl });
    await db.connect();
    const rows = await db.query(`SELECT count(*)::int AS n FROM partners.api_credential WHERE secret_hash = $1 OR hint = $1`, [secret]);
    const dump = await db.query(`SELECT string_agg(t::text, '') AS all FROM partners.api_credential t`);
    await db.end();
    expect(rows.rows[0].n).toBe(0);
    expect(dump.rows[0].all).not.toContain(secret);
  });

  it("rejects a subgraph request without a valid signature", async () => {
    const url = hub.subgraphUrls.partners;
    const query = `{ partners { totalCount } }`;
    expect((await graphqlRequest(url, query)).status).toBe(401);
    const forged = signPrincipal({ kind: "operator", id: "x", name: "mallory", roles: ["ADMIN" as never] }, "wrong-secret", { audience: graphqlAudience("partners") });
    const res = await graphqlRequest(url, query, {}, { [PRINCIPAL_HEADER]: forged });
    expect(res.status).toBe(401);
    expect(errorCodes(res)).toEqual(["UNAUTHENTICATED"]);
    const expired = signPrincipal({ kind: "service", service: "gateway" }, hub.internalSecret, { audience: graphqlAudience("partners"), ttlSeconds: 1, now: Date.now() - 10_000 });
    expect((await graphqlRequest(url, query, {}, { [PRINCIPAL_HEADER]: expired })).status).toBe(401);
  });

  it("keeps the internal authenticate query out of the public graph", async () => {
    const res = await hub.query(`{ authenticate(secret: "iso_x") { kind } }`);
    expect(res.errors?.[0].message).toMatch(/Cannot query field "authenticate"/);
  });
});

describe("query limits", () => {
  it("rejects a query nested too deep", async () => {
    const deep = `{ partners { edges { node { agreements { edges { node { partner { agreements { edges { node { partner { agreements { edges { node { id } } } } } } } } } } } } } } }`;
    const res = await hub.query(deep);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].message).toMatch(/depth limit of 12 exceeded/i);
    expect(errorCodes(res)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });

  it("rejects too many aliases", async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: viewer { kind }`).join(" ");
    const res = await hub.query(`{ ${aliases} }`);
    expect(res.errors?.[0].message).toMatch(/aliases limit of 30 exceeded/i);
  });
});

describe("subscriptions over graphql-ws", () => {
  it("streams a partner its own changes from a log position, and never another partner's", async () => {
    const client = createClient({
      url: hub.subgraphUrls.partners.replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      connectionParams: { [PRINCIPAL_HEADER]: signPrincipal({ kind: "partner", partnerId: alpha.id, credentialId: "x" }, hub.internalSecret, { audience: graphqlAudience("partners") }) },
    });
    const received: any[] = [];
    const done = new Promise<void>((resolve, reject) => {
      const unsubscribe = client.subscribe(
        { query: `subscription { partnerEvents(after: "0") { type partnerId position partner { code legalName } } }` },
        {
          next: (msg) => {
            received.push(msg.data!.partnerEvents);
            if (received.length === 2) {
              unsubscribe();
              resolve();
            }
          },
          error: reject,
          complete: () => resolve(),
        },
      );
    });
    await hub.query(`mutation($id: ID!) { updatePartner(id: $id, input: { legalName: "Beta Renamed" }) { id } }`, { id: beta.id });
    await hub.query(`mutation($id: ID!) { updatePartner(id: $id, input: { legalName: "Alpha Renamed" }) { id } }`, { id: alpha.id });
    await done;
    await client.dispose();
    expect(received.map((e) => [e.type, e.partnerId])).toEqual([
      ["partner.created", alpha.id],
      ["partner.updated", alpha.id],
    ]);
    expect(received[1].partner).toEqual({ code: "ALPHA", legalName: "Alpha Renamed" });
  });

  it("refuses a websocket connection without a signed principal", async () => {
    const client = createClient({ url: hub.subgraphUrls.partners.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
    const outcome = await new Promise<string>((resolve) => {
      client.subscribe({ query: `subscription { partnerEvents { type } }` }, { next: () => resolve("data"), error: () => resolve("refused"), complete: () => resolve("complete") });
    });
    await client.dispose();
    expect(outcome).toBe("refused");
  });
});

describe("events", () => {
  it("appends a partners event in the same transaction as each change, and none for a rejected change", async () => {
    const db = new Client({ connectionString: hub.databaseUrl });
    await db.connect();
    const count = async () => (await db.query(`SELECT count(*)::int AS n FROM events.event WHERE topic = 'partners'`)).rows[0].n;
    const before = await count();
    await createPartner(hub, "EVENTFUL");
    await hub.query(`mutation($i: CreatePartnerInput!) { createPartner(input: $i) { id } }`, { i: partnerInput("EVENTFUL") });
    await hub.query(`mutation($i: CreatePartnerInput!) { createPartner(input: $i) { id } }`, { i: partnerInput("NO_EVENT", { currency: "ABC" }) });
    const last = await db.query(`SELECT type, payload FROM events.event WHERE topic = 'partners' ORDER BY id DESC LIMIT 1`);
    expect(await count()).toBe(before + 1);
    await db.end();
    expect(last.rows[0]).toMatchObject({ type: "partner.created", payload: { code: "EVENTFUL", currency: "USD", timezone: "Europe/London", rounding: { decimals: 4, mode: "HALF_UP", scope: "PER_INVOICE_LINE" } } });
  });
});
