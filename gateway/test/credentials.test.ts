import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes, randomUUID } from "node:crypto";
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLInputType,
} from "graphql";
import { bearer, errorCodes, graphqlRequest, OperatorRole, READ_ONLY_MESSAGE, SubgraphClient } from "@intersettle/shared";
import { startGateway, type RunningGateway } from "../src/gateway-server";
import { readSupergraph } from "../src/supergraph";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { createPartner, issueApiKey } from "./support/fixtures";
import { metric } from "./support/ws-client";

/** Few failures allowed, and the loopback test client may name the client in X-Forwarded-For (as a proxy would). */
const FAILURES = 3;
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub("credentials", { auth: { failures: FAILURES, windowMs: 60_000, trustProxy: "loopback" } });
});
afterAll(() => hub?.stop());

interface Answer {
  status: number;
  retryAfter: string | null;
  data?: any;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** One GraphQL request with a bearer secret, as the client at `client` (forwarded by the trusted loopback proxy). */
async function ask(url: string, query: string, variables: Record<string, unknown>, token: string, client?: string): Promise<Answer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...(client ? { "x-forwarded-for": client } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Pick<Answer, "data" | "errors">;
  return { status: response.status, retryAfter: response.headers.get("retry-after"), ...body };
}

const VIEWER = `{ viewer { kind partnerId readOnly } }`;
const viewerStatus = async (token: string, client: string) => (await ask(hub.url, VIEWER, {}, token, client)).status;
const badKey = (prefix = "isk_") => prefix + randomBytes(32).toString("base64url");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * The status of requests with `secret` once a change made elsewhere has had the moment its notification takes (a few
 * ms): asked until it differs from 200, for less than the cache's 5 s, so a change never announced still fails here.
 */
async function statusAfterNotification(url: string, secret: string, client: string): Promise<number> {
  const started = Date.now();
  for (;;) {
    const { status } = await ask(url, VIEWER, {}, secret, client);
    if (status !== 200 || Date.now() - started > 2000) return status;
    await sleep(20);
  }
}

describe("revocation", () => {
  it("refuses a revoked API key on the very next request", async () => {
    const partner = await createPartner(hub, "REVOKE");
    const { id, secret } = await issueApiKey(hub, partner.id);
    expect(await viewerStatus(secret, "10.1.0.1")).toBe(200);
    await hub.query(`mutation($id: ID!) { revokeApiCredential(id: $id) { revokedAt } }`, { id });
    expect(await viewerStatus(secret, "10.1.0.1")).toBe(401);
  });

  it("refuses a revoked operator token on the very next request", async () => {
    const issued = await hub.query(`mutation { createOperatorToken(name: "noc", roles: [VIEWER]) { secret token { id } } }`);
    const { secret, token } = issued.data.createOperatorToken;
    expect(await viewerStatus(secret, "10.1.0.2")).toBe(200);
    await hub.query(`mutation($id: ID!) { revokeOperatorToken(id: $id) { revokedAt } }`, { id: token.id });
    expect(await viewerStatus(secret, "10.1.0.2")).toBe(401);
  });
});

describe("the gateway's principal cache", () => {
  /** The partners subgraph's authenticate lookups so far: unchanged across requests answered from the cache. */
  const lookups = async () => {
    await sleep(50);
    return metric(hub.url, "intersettle_requests_total", { server: "partners", operation: "Authenticate" });
  };
  /** The partners subgraph asked straight, not through this gateway: as another gateway replica, or credit control, would. */
  const elsewhere = () => new SubgraphClient("partners", () => hub.subgraphUrls.partners, hub.internalSecret, { kind: "operator", id: "elsewhere", name: "another gateway", roles: [OperatorRole.ADMIN] });
  /** Asks until the secret's principal is cached, and checks that a further request is answered without a lookup. */
  async function cached(secret: string, client: string) {
    expect(await viewerStatus(secret, client)).toBe(200);
    const before = await lookups();
    expect(await viewerStatus(secret, client)).toBe(200);
    expect(await viewerStatus(secret, client)).toBe(200);
    expect(await lookups()).toBe(before);
  }

  it("refuses a cached API key revoked through the gateway on the very next request", async () => {
    const partner = await createPartner(hub, "CACHE_REVOKE");
    const { id, secret } = await issueApiKey(hub, partner.id);
    await cached(secret, "10.11.0.1");
    await hub.query(`mutation($id: ID!) { revokeApiCredential(id: $id) { revokedAt } }`, { id });
    expect(await viewerStatus(secret, "10.11.0.1")).toBe(401);
  });

  // Elsewhere: the NOTIFY of the commit reaches the gateway's LISTEN connection as the transaction commits, before the
  // writer is told; the cache is emptied as it arrives.
  it("refuses a cached API key revoked elsewhere as soon as the commit is announced", async () => {
    const partner = await createPartner(hub, "CACHE_ELSEWHERE");
    const { id, secret } = await issueApiKey(hub, partner.id);
    await cached(secret, "10.11.0.2");
    await elsewhere().query(`mutation($id: ID!) { revokeApiCredential(id: $id) { revokedAt } }`, { id });
    expect(await statusAfterNotification(hub.url, secret, "10.11.0.2")).toBe(401);
  });

  it("refuses a cached operator token revoked elsewhere as soon as the commit is announced", async () => {
    const issued = await hub.query(`mutation { createOperatorToken(name: "cached-noc", roles: [VIEWER]) { secret token { id } } }`);
    const { secret, token } = issued.data.createOperatorToken;
    await cached(secret, "10.11.0.3");
    await elsewhere().query(`mutation($id: ID!) { revokeOperatorToken(id: $id) { revokedAt } }`, { id: token.id });
    expect(await statusAfterNotification(hub.url, secret, "10.11.0.3")).toBe(401);
  });

  it("stops the old key of a rotation without overlap, done elsewhere, as soon as the commit is announced", async () => {
    const { id, secret } = await issueApiKey(hub, (await createPartner(hub, "CACHE_ROTATE")).id);
    await cached(secret, "10.11.0.4");
    await elsewhere().query(`mutation($id: ID!) { rotateApiCredential(id: $id, overlapHours: 0) { secret } }`, { id });
    expect(await statusAfterNotification(hub.url, secret, "10.11.0.4")).toBe(401);
  });

  it("follows a partner's status changed elsewhere: blocked is read-only, suspended refused", async () => {
    const partner = await createPartner(hub, "CACHE_STATUS");
    const { secret } = await issueApiKey(hub, partner.id);
    const setStatus = (status: string) => elsewhere().query(`mutation($id: ID!, $s: PartnerStatus!) { setPartnerStatus(id: $id, status: $s, reason: "test") { status } }`, { id: partner.id, s: status });
    await cached(secret, "10.11.0.5");
    await setStatus("BLOCKED");
    const started = Date.now();
    while (!(await ask(hub.url, VIEWER, {}, secret, "10.11.0.5")).data.viewer.readOnly && Date.now() - started < 2000) await sleep(20);
    expect((await ask(hub.url, VIEWER, {}, secret, "10.11.0.5")).data.viewer.readOnly).toBe(true);
    await setStatus("SUSPENDED");
    expect(await statusAfterNotification(hub.url, secret, "10.11.0.5")).toBe(401);
  });
});

describe("the principal cache of a gateway without a database connection (docker-compose)", () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    // As standalone runs it: changes reach it through the partners subgraph's credentialChanges stream.
    gateway = await startGateway({ port: 0, supergraphSdl: readSupergraph(), subgraphUrls: hub.subgraphUrls, internalSecret: hub.internalSecret, auth: { trustProxy: "loopback" }, credentialChanges: "partners-stream" });
  });
  afterAll(() => gateway?.stop());

  const lookups = () => metric(hub.url, "intersettle_requests_total", { server: "partners", operation: "Authenticate" });
  const status = async (secret: string) => (await ask(gateway.url, VIEWER, {}, secret, "10.12.0.1")).status;

  it("serves a key from its cache once the stream is live, and refuses it as soon as partners relays a revocation elsewhere", async () => {
    const { id, secret } = await issueApiKey(hub, (await createPartner(hub, "STREAM_REVOKE")).id);
    const started = Date.now();
    for (;;) {
      expect(await status(secret)).toBe(200);
      await sleep(50);
      const before = await lookups();
      expect(await status(secret)).toBe(200);
      await sleep(50);
      if ((await lookups()) === before) break;
      if (Date.now() - started > 10_000) throw new Error("the gateway never served from its cache");
    }
    const other = new SubgraphClient("partners", () => hub.subgraphUrls.partners, hub.internalSecret, { kind: "operator", id: "elsewhere", name: "another gateway", roles: [OperatorRole.ADMIN] });
    await other.query(`mutation($id: ID!) { revokeApiCredential(id: $id) { revokedAt } }`, { id });
    expect(await statusAfterNotification(gateway.url, secret, "10.12.0.1")).toBe(401);
  });

  it("refuses a cached key revoked through it on the very next request", async () => {
    const { id, secret } = await issueApiKey(hub, (await createPartner(hub, "STREAM_THROUGH")).id);
    expect(await status(secret)).toBe(200);
    expect(await status(secret)).toBe(200);
    await graphqlRequest(gateway.url, `mutation($id: ID!) { revokeApiCredential(id: $id) { revokedAt } }`, { id }, bearer(ADMIN_TOKEN));
    expect(await status(secret)).toBe(401);
  });
});

describe("throttling failed authentications", () => {
  let goodKey: string;
  beforeAll(async () => {
    goodKey = (await issueApiKey(hub, (await createPartner(hub, "THROTTLE")).id)).secret;
  });

  it("answers a key longer than any issued one 401 and counts it as a failure, never asking the partners subgraph", async () => {
    const long = `isk_${"x".repeat(5000)}`;
    expect(await viewerStatus(long, "10.2.9.1")).toBe(401);
    for (let i = 1; i < FAILURES; i++) await viewerStatus(long, "10.2.9.1");
    expect(await viewerStatus(long, "10.2.9.1")).toBe(429);
  });

  it("answers 429 with Retry-After to a client past the limit, even for a good key, and not to other clients", async () => {
    for (let i = 0; i < FAILURES; i++) expect(await viewerStatus(badKey(), "10.2.0.1")).toBe(401);
    const refused = await ask(hub.url, VIEWER, {}, goodKey, "10.2.0.1");
    expect(refused.status).toBe(429);
    expect(errorCodes(refused as never)).toEqual(["TOO_MANY_REQUESTS"]);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect(await viewerStatus(goodKey, "10.2.0.2")).toBe(200);
  });

  it("throttles one key prefix tried from many clients, while other prefixes still authenticate", async () => {
    const prefix = "isk_" + randomBytes(6).toString("base64url").slice(0, 6);
    for (let i = 0; i < FAILURES; i++) expect(await viewerStatus(badKey(prefix), `10.3.0.${i + 1}`)).toBe(401);
    expect((await ask(hub.url, VIEWER, {}, badKey(prefix), "10.3.1.1")).status).toBe(429);
    expect(await viewerStatus(goodKey, "10.3.1.2")).toBe(200);
  });

  it("does not let one client's success reset another client's failures", async () => {
    for (let i = 0; i < FAILURES - 1; i++) expect(await viewerStatus(badKey(), "10.4.0.1")).toBe(401);
    expect(await viewerStatus(goodKey, "10.4.0.2")).toBe(200);
    expect(await viewerStatus(badKey(), "10.4.0.1")).toBe(401);
    expect(await viewerStatus(goodKey, "10.4.0.1")).toBe(429);
  });
});

describe("throttling at a gateway with default proxy settings", () => {
  let gateway: RunningGateway;
  let stub: http.Server;
  let lookups = 0;

  beforeAll(async () => {
    // A partners endpoint that counts the gateway's authenticate lookups and knows no secret.
    stub = http.createServer((req, res) => {
      lookups++;
      req.resume().on("end", () => res.setHeader("content-type", "application/json").end(JSON.stringify({ data: { authenticate: null } })));
    });
    await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
    const partners = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/graphql`;
    gateway = await startGateway({ port: 0, supergraphSdl: readSupergraph(), subgraphUrls: { ...hub.subgraphUrls, partners }, internalSecret: hub.internalSecret, auth: { failures: 2, windowMs: 1500 } });
  });
  afterAll(async () => {
    await gateway?.stop();
    stub?.close();
  });

  it("refuses without asking the partners subgraph, ignores X-Forwarded-For, and lets the client in again after Retry-After", async () => {
    expect((await ask(gateway.url, VIEWER, {}, badKey(), "10.5.0.1")).status).toBe(401);
    expect((await ask(gateway.url, VIEWER, {}, badKey(), "10.5.0.2")).status).toBe(401);
    expect(lookups).toBe(2);
    // Both came from this test's address: a forwarded-for header is not trusted unless configured.
    const refused = await ask(gateway.url, VIEWER, {}, badKey(), "10.5.0.3");
    expect(refused.status).toBe(429);
    expect(lookups).toBe(2);
    await sleep(Number(refused.retryAfter) * 1000);
    expect((await ask(gateway.url, VIEWER, {}, badKey())).status).toBe(401);
    expect(lookups).toBe(3);
  });
});

describe("expiry and rotation", () => {
  const CREDENTIAL = `id name expiresAt rotatedFromId revokedAt`;
  const rotate = (id: string, overlapHours: number) =>
    hub.query(`mutation($id: ID!, $h: Int!) { rotateApiCredential(id: $id, overlapHours: $h) { secret credential { ${CREDENTIAL} } } }`, { id, h: overlapHours });
  let partnerId: string;
  beforeAll(async () => {
    partnerId = (await createPartner(hub, "EXPIRY")).id;
  });

  it("refuses an expiry in the past at creation", async () => {
    const past = new Date(Date.now() - 1000).toISOString();
    const key = await hub.query(`mutation($p: ID!, $e: DateTimeISO) { createApiCredential(partnerId: $p, name: "x", expiresAt: $e) { secret } }`, { p: partnerId, e: past });
    expect(errorCodes(key)).toEqual(["BAD_USER_INPUT"]);
    const token = await hub.query(`mutation($e: DateTimeISO) { createOperatorToken(name: "x", roles: [VIEWER], expiresAt: $e) { secret } }`, { e: past });
    expect(errorCodes(token)).toEqual(["BAD_USER_INPUT"]);
  });

  it("lets a key and an operator token work until their expiry, then refuses them", async () => {
    const expiresAt = new Date(Date.now() + 2500);
    const key = await hub.query(`mutation($p: ID!, $e: DateTimeISO) { createApiCredential(partnerId: $p, name: "short-lived", expiresAt: $e) { secret credential { expiresAt } } }`, { p: partnerId, e: expiresAt.toISOString() });
    const token = await hub.query(`mutation($e: DateTimeISO) { createOperatorToken(name: "temp", roles: [VIEWER], expiresAt: $e) { secret token { expiresAt } } }`, { e: expiresAt.toISOString() });
    expect(key.data.createApiCredential.credential.expiresAt).toBe(expiresAt.toISOString());
    expect(token.data.createOperatorToken.token.expiresAt).toBe(expiresAt.toISOString());
    expect(await viewerStatus(key.data.createApiCredential.secret, "10.6.0.1")).toBe(200);
    expect(await viewerStatus(token.data.createOperatorToken.secret, "10.6.0.1")).toBe(200);
    await sleep(expiresAt.getTime() - Date.now() + 100);
    expect(await viewerStatus(key.data.createApiCredential.secret, "10.6.0.1")).toBe(401);
    expect(await viewerStatus(token.data.createOperatorToken.secret, "10.6.0.1")).toBe(401);
  });

  it("rotates with overlap: old and new keys both work during the overlap; with overlap 0 the old one stops at once", async () => {
    const first = await issueApiKey(hub, partnerId);
    const before = Date.now();
    const second = (await rotate(first.id, 2)).data.rotateApiCredential;
    expect(second.credential).toMatchObject({ name: "integration", rotatedFromId: first.id, expiresAt: null, revokedAt: null });
    expect(await viewerStatus(first.secret, "10.7.0.1")).toBe(200);
    expect(await viewerStatus(second.secret, "10.7.0.1")).toBe(200);
    const listed = await hub.query(`query($p: ID!) { apiCredentials(partnerId: $p, first: 100) { edges { node { id expiresAt } } } }`, { p: partnerId });
    const oldExpiry = Date.parse(listed.data.apiCredentials.edges.find((e: any) => e.node.id === first.id).node.expiresAt);
    expect(oldExpiry).toBeGreaterThanOrEqual(before + 2 * 3_600_000);
    expect(oldExpiry).toBeLessThanOrEqual(Date.now() + 2 * 3_600_000);

    const third = (await rotate(second.credential.id, 0)).data.rotateApiCredential;
    expect(await viewerStatus(second.secret, "10.7.0.1")).toBe(401);
    expect(await viewerStatus(third.secret, "10.7.0.1")).toBe(200);
    expect(errorCodes(await rotate(second.credential.id, 1))).toEqual(["CONFLICT"]);
    expect(errorCodes(await rotate(third.credential.id, -1))).toEqual(["BAD_USER_INPUT"]);
  });

  it("audits a rotation in the audit trail: the old key's new expiry and the new key", async () => {
    const key = await issueApiKey(hub, partnerId);
    const next = (await rotate(key.id, 0)).data.rotateApiCredential;
    const trail = async (id: string) =>
      (await hub.query(`query($id: ID!) { auditTrail(filter: { entityType: API_CREDENTIAL, entityId: $id }) { edges { node { action changedFields actor } } } }`, { id })).data.auditTrail.edges.map((e: any) => e.node);
    expect(await trail(key.id)).toEqual(expect.arrayContaining([expect.objectContaining({ action: "api_credential.rotated", changedFields: ["expiresAt"] })]));
    expect(await trail(next.credential.id)).toEqual([expect.objectContaining({ action: "api_credential.created" })]);
  });
});

describe("partner status", () => {
  const setStatus = (id: string, status: string, reason?: string) =>
    hub.query(`mutation($id: ID!, $s: PartnerStatus!, $r: String) { setPartnerStatus(id: $id, status: $s, reason: $r) { status } }`, { id, s: status, r: reason });

  it("refuses a SUSPENDED or TERMINATED partner's keys, and accepts them again once it is ACTIVE", async () => {
    const partner = await createPartner(hub, "STATUS");
    const { secret } = await issueApiKey(hub, partner.id);
    expect(await viewerStatus(secret, "10.8.0.1")).toBe(200);
    await setStatus(partner.id, "SUSPENDED", "Fraud investigation");
    expect(await viewerStatus(secret, "10.8.0.1")).toBe(401);
    await setStatus(partner.id, "TERMINATED", "Contract ended");
    expect(await viewerStatus(secret, "10.8.0.1")).toBe(401);
    await setStatus(partner.id, "ACTIVE");
    expect(await viewerStatus(secret, "10.8.0.1")).toBe(200);
  });

  describe("a partner BLOCKED for credit", () => {
    let partner: { id: string };
    let key: { id: string; secret: string };
    beforeAll(async () => {
      partner = await createPartner(hub, "BLOCKED");
      key = await issueApiKey(hub, partner.id);
      await setStatus(partner.id, "BLOCKED", "Credit limit breached");
    });

    it("still reads its own account, and sees why", async () => {
      const res = await ask(hub.url, `{ viewer { readOnly } partners { edges { node { id status statusReason } } } apiCredentials { totalCount } }`, {}, key.secret, "10.9.0.1");
      expect(res.errors).toBeUndefined();
      expect(res.data.viewer).toEqual({ readOnly: true });
      expect(res.data.partners.edges).toEqual([{ node: { id: partner.id, status: "BLOCKED", statusReason: "Credit limit breached" } }]);
      expect(res.data.apiCredentials.totalCount).toBe(1);
    });

    it("is FORBIDDEN every mutation in the public schema, saying the account is blocked and read-only", async () => {
      const introspection = await hub.query(getIntrospectionQuery());
      const schema = buildClientSchema(introspection.data);
      const mutations = Object.values(schema.getMutationType()!.getFields());
      expect(mutations.length).toBeGreaterThan(10);
      for (const field of mutations) {
        const args = field.args.filter((a) => isNonNullType(a.type)).map((a) => `${a.name}: ${sampleValue(a.type, partner.id)}`);
        const selection = isObjectType(getNamedType(field.type)) ? "{ __typename }" : "";
        const res = await ask(hub.url, `mutation { ${field.name}${args.length ? `(${args.join(", ")})` : ""} ${selection} }`, {}, key.secret, "10.9.0.2");
        expect({ field: field.name, errors: res.errors?.map((e) => [e.extensions?.code, e.message]) }).toEqual({ field: field.name, errors: [["FORBIDDEN", READ_ONLY_MESSAGE]] });
      }
    });

    it("gets full access back when unblocked", async () => {
      await setStatus(partner.id, "ACTIVE");
      expect((await ask(hub.url, VIEWER, {}, key.secret, "10.9.0.3")).data.viewer.readOnly).toBe(false);
    });
  });
});

/** A literal of the type, valid enough to pass GraphQL validation and scalar parsing (its own partner's id for ids). */
function sampleValue(type: GraphQLInputType, id: string): string {
  if (isNonNullType(type)) return sampleValue(type.ofType, id);
  if (isListType(type)) return `[${sampleValue(type.ofType, id)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${required.map((f) => `${f.name}: ${sampleValue(f.type, id)}`).join(", ")} }`;
  }
  switch (type.name) {
    case "Int":
    case "Float":
      return "1";
    case "Boolean":
      return "false";
    case "ID":
      return JSON.stringify(id);
    case "DateTimeISO":
      return JSON.stringify(new Date(Date.now() + 86_400_000).toISOString());
    case "Decimal":
      return `"1"`;
    case "JSONObject":
      return "{}";
    default:
      return JSON.stringify(`x-${randomUUID().slice(0, 8)}`);
  }
}

