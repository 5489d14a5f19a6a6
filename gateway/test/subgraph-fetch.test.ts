import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Principal } from "@intersettle/shared";
import { graphqlAudience, verifyPrincipal } from "@intersettle/shared";
import { subgraphFetch } from "../src/subgraph-fetch";
import { SignedPrincipals } from "../src/signed-principals";

let server: http.Server;
let url: string;
const sockets = new Set<unknown>();
const hanging: http.ServerResponse[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    sockets.add(req.socket);
    let body = "";
    req.on("data", (c) => (body += c)).on("end", () => {
      if (req.url === "/hang") return void hanging.push(res);
      if (req.url === "/fail") return void res.writeHead(503, "Busy", { "content-type": "text/plain" }).end("try later");
      res.setHeader("content-type", "application/json");
      res.setHeader("x-echo", req.headers["x-echo"] ?? "");
      res.end(JSON.stringify({ data: { got: JSON.parse(body), length: req.headers["content-length"] } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  hanging.forEach((res) => res.end());
  server.closeAllConnections();
  server.close();
});

describe("subgraphFetch", () => {
  it("posts the body whole and answers as fetch would: status, headers, JSON, over one kept-alive connection", async () => {
    const body = JSON.stringify({ query: "{ é }" });
    for (let i = 0; i < 3; i++) {
      const res = await subgraphFetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", "X-Echo": "yes" }, body });
      expect([res.ok, res.status]).toEqual([true, 200]);
      expect(res.headers.get("Content-Type")).toBe("application/json");
      expect(res.headers.get("x-echo")).toBe("yes");
      expect(await res.json()).toEqual({ data: { got: { query: "{ é }" }, length: String(Buffer.byteLength(body)) } });
    }
    expect(sockets.size).toBe(1);
  });

  it("answers a failed status with its text", async () => {
    const res = await subgraphFetch(`${url}/fail`, { method: "POST", body: "{}" });
    expect([res.ok, res.status, res.statusText]).toEqual([false, 503, "Busy"]);
    expect(await res.text()).toBe("try later");
  });

  it("stops when its signal aborts", async () => {
    const answer = subgraphFetch(`${url}/hang`, { method: "POST", body: "{}", signal: AbortSignal.timeout(200) });
    await expect(answer).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("SignedPrincipals", () => {
  const operator: Principal = { kind: "operator", id: "o", name: "noc", roles: [] };
  const audience = graphqlAudience("routing");

  it("signs a principal once and reuses the header for half its minute, then signs anew", () => {
    let now = Date.now();
    const signatures = new SignedPrincipals("s3cret", audience, () => now);
    const first = signatures.headerFor(operator);
    expect(verifyPrincipal(first, "s3cret", audience, now)).toEqual(operator);
    now += 29_000;
    expect(signatures.headerFor(operator)).toBe(first);
    now += 2_000;
    const second = signatures.headerFor(operator);
    expect(second).not.toBe(first);
    // Whichever header is sent, it is still good for at least half a minute.
    expect(verifyPrincipal(second, "s3cret", audience, now + 59_000)).toEqual(operator);
  });
});
