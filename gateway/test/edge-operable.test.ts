import pino from "pino";
import { startTestHub, ADMIN_TOKEN, type TestHub } from "./support/test-hub";
import { rawRequest } from "./support/raw-http";

const logLines: any[] = [];
let hub: TestHub;
let base: string;

beforeAll(async () => {
  const logger = pino({ level: "info" }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
  hub = await startTestHub("edge_operable", { logger });
  base = hub.url.replace(/\/graphql$/, "");
});
afterAll(() => hub?.stop());

const ask = (query: string, headers: Record<string, string> = {}) =>
  rawRequest(base, { path: "/graphql", headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json", ...headers }, body: JSON.stringify({ query }) });

describe("request ids", () => {
  it("keeps a sane incoming id, returns it, passes it to the subgraphs, and every log line of the request carries it", async () => {
    const res = await ask(`query EdgeRoundTrip { viewer { kind } rateCards { totalCount } }`, { "x-request-id": "edge-trace-0001" });
    expect(res.status).toBe(200);
    expect(res.headers["x-request-id"]).toBe("edge-trace-0001");
    const lines = logLines.filter((l) => l.requestId === "edge-trace-0001");
    const requestLine = (subgraph?: string) => lines.find((l) => l.msg === "request" && l.subgraph === subgraph);
    expect(requestLine()).toMatchObject({ method: "POST", path: "/graphql", operation: "EdgeRoundTrip", status: 200, durationMs: expect.any(Number) });
    expect(requestLine("partners")).toMatchObject({ path: "/graphql", status: 200 });
    expect(requestLine("rating")).toMatchObject({ path: "/graphql", status: 200 });
  });

  it("replaces an id that is not plain text", async () => {
    const res = await ask(`{ viewer { kind } }`, { "x-request-id": "bad id\twith tabs" + "z".repeat(200) });
    expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("metrics and readiness", () => {
  it("exposes request counts and latency per operation, ingestion and event-consumer metrics on the gateway and each subgraph", async () => {
    await ask(`query EdgeMetrics { viewer { kind } }`);
    const gateway = await rawRequest(base, { method: "GET", path: "/metrics" });
    expect(gateway.status).toBe(200);
    expect(gateway.headers["content-type"]).toMatch(/^text\/plain/);
    expect(gateway.text).toMatch(/intersettle_requests_total\{server="gateway",operation="EdgeMetrics",status="200"\} 1/);
    expect(gateway.text).toMatch(/intersettle_request_duration_seconds_bucket\{le="[\d.]+",server="gateway",operation="EdgeMetrics"\}/);
    for (const name of ["intersettle_ingestion_jobs_total", "intersettle_ingestion_rows_total", "intersettle_event_consumer_lag_events"]) expect(gateway.text).toContain(`# TYPE ${name}`);
    const rating = await rawRequest(hub.subgraphUrls.rating.replace(/\/graphql$/, ""), { method: "GET", path: "/metrics" });
    expect(rating.text).toMatch(/intersettle_requests_total\{server="partners",operation="[^"]+",status="200"\}/);
    expect(rating.text).toMatch(/intersettle_event_consumer_lag_events\{consumer="[^"]+"\} \d+/);
  });

  it("reports each subgraph's database on /ready", async () => {
    const subgraph = await rawRequest(hub.subgraphUrls.rating.replace(/\/graphql$/, ""), { method: "GET", path: "/ready" });
    expect(subgraph.json).toEqual({ status: "ready", subgraph: "rating", database: "ok" });
    const gateway = await rawRequest(base, { method: "GET", path: "/ready" });
    expect(gateway.json.subgraphs.rating).toEqual({ status: "ready", database: "ok" });
  });
});
