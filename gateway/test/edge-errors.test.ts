import http from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "pg";
import pino from "pino";
import { SelectQueryBuilder } from "typeorm";
import { bearer, errorCodes, graphqlRequest } from "@intersettle/shared";
import { startGateway } from "../src/gateway-server";
import { readQueryLimits } from "../src/query-limits";
import { readSupergraph } from "../src/supergraph";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { createPartner } from "./support/fixtures";
import { rawRequest } from "./support/raw-http";

const logLines: any[] = [];
let hub: TestHub;
let base: string;
const auth = { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" };

beforeAll(async () => {
  const logger = pino({ level: "info" }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
  hub = await startTestHub("edge_errors", { logger });
  base = hub.url.replace(/\/graphql$/, "");
  await createPartner(hub, "ERR_A");
  await createPartner(hub, "ERR_B");
});
afterAll(() => hub?.stop());

const INTERNALS = /\bat \w|\/work\/|node_modules|\.ts:\d|SELECT |FROM "|relation "|stacktrace|QueryFailedError/i;

describe("limits before work", () => {
  it("refuses an oversized /graphql body with 413, and an unauthenticated one with 401 without parsing it", async () => {
    const big = JSON.stringify({ query: `{ viewer { kind } }`, variables: { pad: "x".repeat(300 * 1024) } });
    const tooLarge = await rawRequest(base, { path: "/graphql", headers: auth, body: big });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json.errors[0].extensions).toEqual({ code: "PAYLOAD_TOO_LARGE", limitBytes: 256 * 1024 });
    const anonymous = await rawRequest(base, { path: "/graphql", headers: { "content-type": "application/json" }, body: big });
    expect(anonymous.status).toBe(401);
    // Not even read as JSON: a malformed body without credentials is still only unauthenticated.
    const garbage = await rawRequest(base, { path: "/graphql", headers: { "content-type": "application/json" }, body: "{not json" });
    expect([garbage.status, errorCodes(garbage.json)]).toEqual([401, ["UNAUTHENTICATED"]]);
  });

  it("stops a query of too many tokens while parsing it", async () => {
    const res = await hub.query(`{ viewer { ${"kind ".repeat(6000)} } }`);
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toEqual(["GRAPHQL_PARSE_FAILED"]);
    expect(res.errors![0].message).toMatch(/5000 tokens/);
  });

  it("counts page sizes into the cost: nested first: 500 is refused, from literals or variables", async () => {
    const nested = `query($n: Int) { partners(first: 500) { edges { node { agreements(first: $n) { edges { node { id } } } } } } }`;
    const res = await hub.query(nested, { n: 500 });
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(res.errors![0].message).toMatch(/Query cost limit of 20000 exceeded/);
    const small = await hub.query(nested.replace("first: 500", "first: 5"), { n: 5 });
    expect(small.errors).toBeUndefined();
  });

  it("counts a connection's total only when it is selected", async () => {
    const counts = jest.spyOn(SelectQueryBuilder.prototype, "getCount");
    try {
      const page = await hub.query(`{ partners(first: 1) { edges { node { code } } pageInfo { hasNextPage } } }`);
      expect(page.data.partners.pageInfo.hasNextPage).toBe(true);
      expect(counts).not.toHaveBeenCalled();
      const total = await hub.query(`{ partners(first: 1) { totalCount } }`);
      expect(total.data.partners.totalCount).toBe(2);
      expect(counts).toHaveBeenCalledTimes(1);
    } finally {
      counts.mockRestore();
    }
  });

  it("stops an operation at its time limit, aborting the subgraph fetch", async () => {
    const hanging: http.ServerResponse[] = [];
    const stuck = http.createServer((_req, res) => void hanging.push(res));
    await new Promise<void>((r) => stuck.listen(0, "127.0.0.1", r));
    const gateway = await startGateway({
      port: 0,
      supergraphSdl: readSupergraph(),
      subgraphUrls: { ...hub.subgraphUrls, rating: `http://127.0.0.1:${(stuck.address() as AddressInfo).port}/graphql` },
      internalSecret: hub.internalSecret,
      authCacheMs: 0,
      limits: { ...readQueryLimits({}), operationTimeoutMs: 500 },
    });
    try {
      const started = Date.now();
      const res = await graphqlRequest(gateway.url, `{ rateCards { totalCount } }`, {}, bearer(ADMIN_TOKEN));
      expect(errorCodes(res)).toEqual(["OPERATION_TIMEOUT"]);
      expect(res.errors![0].message).toBe("The operation did not finish within 500 ms and was stopped");
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(hanging).toHaveLength(1);
      // The gateway gave up its fetch: the subgraph's connection closes (the test would time out otherwise).
      const socket = hanging[0].req.socket;
      await new Promise((closed) => (socket.destroyed ? closed(null) : socket.once("close", closed)));
    } finally {
      await gateway.stop();
      stuck.closeAllConnections();
      stuck.close();
    }
  });
});

describe("errors without internals", () => {
  it("answers a malformed id with BAD_USER_INPUT, not the driver's message", async () => {
    const res = await hub.query(`{ partner(id: "not-a-uuid") { code } }`);
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(JSON.stringify(res.errors)).not.toMatch(/invalid input syntax|uuid:/);
  });

  it("answers a forged cursor, whose values are not of the key's types, with BAD_USER_INPUT on after", async () => {
    const forged = Buffer.from(JSON.stringify(["not a time", "not a uuid", "x"])).toString("base64url");
    for (const query of [`query($a: String) { ratedCdrs(after: $a) { edges { cursor } } }`, `query($a: String) { traffic(after: $a) { edges { cursor } } }`]) {
      const res = await hub.query(query, { a: forged });
      expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
      expect(res.errors?.[0].extensions?.field).toBe("after");
    }
  });

  it("answers an unexpected failure with INTERNAL_SERVER_ERROR and an error id the log line carries with the detail", async () => {
    const db = new Client({ connectionString: hub.databaseUrl });
    await db.connect();
    await db.query(`ALTER TABLE partners.agreement RENAME TO agreement_away`);
    let res;
    try {
      res = await rawRequest(base, { path: "/graphql", headers: auth, body: JSON.stringify({ query: `{ agreements { edges { node { id } } } }` }) });
    } finally {
      await db.query(`ALTER TABLE partners.agreement_away RENAME TO agreement`);
      await db.end();
    }
    const [error] = res.json.errors;
    expect(error.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(res.text).not.toMatch(INTERNALS);
    const logged = logLines.find((l) => l.errorId === error.extensions.errorId);
    expect(logged).toMatchObject({ subgraph: "partners", requestId: res.headers["x-request-id"] });
    expect(JSON.stringify(logged.err)).toMatch(/agreement/);
  });

  it("never echoes a large input back", async () => {
    const res = await hub.query(`query($id: ID!) { partner(id: $id) { code } }`, { id: ["y".repeat(100_000)] });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(JSON.stringify(res.errors).length).toBeLessThan(1500);
  });

  it("answers a malformed JSON body and unknown routes as JSON errors without stack", async () => {
    const res = await rawRequest(base, { path: "/graphql", headers: auth, body: `{"query": "{ viewer { kind } }",` });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errors: [{ message: "The request body is not valid JSON", extensions: { code: "BAD_REQUEST" } }] });
    const subgraph = await rawRequest(hub.subgraphUrls.partners, { path: "/nowhere", method: "GET" });
    expect([subgraph.status, subgraph.json.errors[0].extensions.code]).toEqual([404, "NOT_FOUND"]);
    expect(res.text + subgraph.text).not.toMatch(INTERNALS);
  });
});
