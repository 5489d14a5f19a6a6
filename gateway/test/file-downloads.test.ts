import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { buildSchema } from "graphql";
import pino from "pino";
import {
  downloadAudience,
  errorCodes,
  graphqlAudience,
  NotFoundError,
  PRINCIPAL_HEADER,
  serveSubgraph,
  signPrincipal,
  uploadAudience,
  type FileDownloadHandler,
  type FileUploadHandler,
  type Principal,
  type RunningServer,
} from "@intersettle/shared";
import { startGateway, type RunningGateway } from "../src/gateway-server";
import { fileRouteMatcher } from "../src/file-routes";
import { readSupergraph } from "../src/supergraph";
import { rawRequest } from "./support/raw-http";

const SECRET = "file-downloads-secret";
const OPERATOR_TOKEN = `iso_${"o".repeat(43)}`;
const BLOCKED_PARTNER_KEY = `isk_${"p".repeat(43)}`;
const operator: Principal = { kind: "operator", id: "op-1", name: "noc", roles: ["ADMIN" as never] };
const MB = 1024 * 1024;

/** Deterministic bytes that no slice of repeats, so a lost, doubled or reordered chunk changes the hash. */
function* fileBytes(total: number): Generator<Buffer> {
  let seed = createHash("sha256").update("seed").digest();
  for (let sent = 0; sent < total; ) {
    const chunk = Buffer.alloc(Math.min(64 * 1024, total - sent));
    for (let at = 0; at < chunk.length; at += 32) {
      seed = createHash("sha256").update(seed).digest();
      seed.copy(chunk, at);
    }
    sent += chunk.length;
    yield chunk;
  }
}
const BIG = 5 * MB;
const bigHash = (() => {
  const hash = createHash("sha256");
  for (const chunk of fileBytes(BIG)) hash.update(chunk);
  return hash.digest("hex");
})();

const calls: string[] = [];
const logLines: any[] = [];
let inbox = Buffer.alloc(0);
let slowClosed: Promise<void>;

const downloads: Record<string, FileDownloadHandler> = {
  blob: async (_principal, { id }) => {
    calls.push(`blob ${id}`);
    if (id !== "big") throw new NotFoundError("Blob", String(id));
    return { filename: "big.bin", contentType: "application/octet-stream", body: Readable.from(fileBytes(BIG)) };
  },
  echo: async (principal, params) => {
    calls.push("echo");
    return { filename: params.query.name ?? "echo.json", contentType: "application/json", body: Buffer.from(JSON.stringify({ principal, params })) };
  },
  broken: async (_principal, { id }) => {
    calls.push(`broken ${id}`);
    if (id === "missing") throw new NotFoundError("Invoice", id);
    if (id === "late") return { filename: "x.csv", contentType: "text/csv", body: new Readable({ read() { this.destroy(new Error("cursor failed: relation \"invoicing.secret\"")); } }) };
    if (id === "midway") {
      const chunks = fileBytes(2 * MB);
      return { filename: "x.bin", contentType: "application/octet-stream", body: new Readable({ read() { const next = chunks.next(); if (next.done) this.destroy(new Error("disk gone")); else this.push(next.value); } }) };
    }
    throw new Error("connect ECONNREFUSED 10.0.0.7:5432 at /work/shared/src/db.ts:12");
  },
  slow: async () => {
    calls.push("slow");
    const body = new Readable({ read() {} });
    body.push(Buffer.alloc(1024, "a"));
    slowClosed = new Promise((resolve) => body.once("close", resolve));
    return { filename: "slow.csv", contentType: "text/csv", body };
  },
  inbox: async () => ({ filename: "inbox.bin", contentType: "application/octet-stream", body: inbox }),
};
const uploads: Record<string, FileUploadHandler> = {
  inbox: async (_principal, body) => {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    inbox = Buffer.concat(chunks);
    return { bytes: inbox.length };
  },
  drop: async (_principal, body) => {
    body.resume();
    return { dropped: true };
  },
};

let docs: RunningServer;
let partners: http.Server;
let gateway: RunningGateway;
let base: string;
let docsBase: string;
const operatorAuth = { authorization: `Bearer ${OPERATOR_TOKEN}` };

beforeAll(async () => {
  const logger = pino({ level: "info" }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
  docs = await serveSubgraph({ name: "docs", schema: buildSchema("type Query { ok: Boolean }"), secret: SECRET, createContext: () => ({}), logger, fileDownloads: downloads, fileRoutes: uploads }, 0);
  docsBase = docs.url.replace(/\/graphql$/, "");
  // The partners subgraph's authenticate, for one operator token and one partner key blocked for credit.
  partners = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c)).on("end", () => {
      const secret = JSON.parse(text).variables.secret;
      const authenticate =
        secret === OPERATOR_TOKEN ? { kind: "operator", operatorId: "op-1", operatorName: "noc", roles: ["ADMIN"], readOnly: false }
        : secret === BLOCKED_PARTNER_KEY ? { kind: "partner", partnerId: "p-1", credentialId: "c-1", roles: [], readOnly: true }
        : null;
      res.setHeader("content-type", "application/json").end(JSON.stringify({ data: { authenticate } }));
    });
  });
  await new Promise<void>((resolve) => partners.listen(0, "127.0.0.1", resolve));
  gateway = await startGateway({
    port: 0,
    supergraphSdl: readSupergraph(),
    subgraphUrls: { partners: `http://127.0.0.1:${(partners.address() as AddressInfo).port}/graphql`, docs: docs.url, gone: "http://127.0.0.1:9/graphql" },
    internalSecret: SECRET,
    auth: { failures: 1000 },
    logger,
    uploads: [
      { subgraph: "docs", kind: "inbox", maxBytes: 8 * MB },
      { subgraph: "docs", kind: "drop", maxBytes: MB },
    ],
    downloads: [
      { subgraph: "docs", kind: "blob", path: "id" },
      { subgraph: "docs", kind: "echo", path: "none" },
      { subgraph: "docs", kind: "broken", path: "id" },
      { subgraph: "docs", kind: "slow", path: "none" },
      { subgraph: "docs", kind: "inbox", path: "none" },
      { subgraph: "gone", kind: "report", path: "none" },
    ],
  });
  base = gateway.url.replace(/\/graphql$/, "");
});
afterAll(async () => {
  await gateway?.stop();
  await docs?.stop();
  partners?.close();
});

const get = (path: string, headers: Record<string, string> = operatorAuth) => rawRequest(base, { method: "GET", path, headers });

describe("downloads through the gateway", () => {
  it("streams a file of several MB intact, with its type, attachment name and no caching", async () => {
    const res = await fetch(`${base}/files/docs/blob/big`, { headers: operatorAuth });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-disposition")).toBe("attachment; filename=big.bin");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("set-cookie")).toBeNull();
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBe(BIG);
    expect(createHash("sha256").update(body).digest("hex")).toBe(bigHash);
  });

  it("sends the first bytes while the file is still being produced, and a client that leaves stops the subgraph's source", async () => {
    const abort = new AbortController();
    const res = await fetch(`${base}/files/docs/slow`, { headers: operatorAuth, signal: abort.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.value!.length).toBeGreaterThan(0);
    abort.abort();
    // The subgraph's stream never ends by itself: only the cancelled fetch reaching it can close it.
    await slowClosed;
  });

  it("passes the query string on as parameters, names the file safely, and lets a read-only partner download", async () => {
    const name = `../../Rechnung März\r\nSet-Cookie: x=1\u202Efdp.exe`;
    const res = await get(`/files/docs/echo?from=2026-01-01&to=${encodeURIComponent("a&b=c")}&name=${encodeURIComponent(name)}`, { authorization: `Bearer ${BLOCKED_PARTNER_KEY}` });
    expect(res.status).toBe(200);
    expect(res.json.principal).toEqual({ kind: "partner", partnerId: "p-1", credentialId: "c-1", readOnly: true });
    expect(res.json.params).toEqual({ query: { from: "2026-01-01", to: "a&b=c", name } });
    expect(res.headers["set-cookie"]).toBeUndefined();
    // No folders, no line breaks, no right-to-left override disguising the extension; the UTF-8 name in filename*.
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="_.._Rechnung M?rzSet-Cookie: x=1fdp.exe"; filename*=UTF-8''_.._Rechnung%20M%C3%A4rzSet-Cookie%3A%20x%3D1fdp.exe`);
  });

  it("round-trips an upload and a download of the same kind, each along its own verb", async () => {
    const file = Buffer.concat([...fileBytes(3 * MB)]);
    const up = await fetch(`${base}/files/docs/inbox`, { method: "POST", headers: { ...operatorAuth, "content-type": "application/octet-stream" }, body: file });
    expect(await up.json()).toEqual({ data: { bytes: file.length } });
    const down = await fetch(`${base}/files/docs/inbox`, { headers: operatorAuth });
    expect(down.headers.get("content-length")).toBe(String(file.length));
    expect(Buffer.from(await down.arrayBuffer()).equals(file)).toBe(true);
  });

  it("forwards only declared paths: encoded, dotted, doubled, case-changed or malformed ids are 404 and reach nothing", async () => {
    const before = calls.length;
    const paths = [
      "/files/docs/blob",
      "/files/docs/blob/",
      "/files/docs/blob/big/",
      "/files/docs/blob/big/x",
      "/files/docs/blob/%62ig",
      "/files/docs/blob/b%20ig",
      "/files/docs/blob/big%00",
      "/files/docs/blob/..",
      "/files/docs/blob/.",
      "/files/docs/blob/../echo",
      "/files/docs/blob/a.b",
      `/files/docs/blob/${"a".repeat(65)}`,
      "/files/docs/blob%2Fbig",
      "/files/docs/blob/big%3F/../../graphql",
      "/files/docs//blob/big",
      "/files/docs/./blob/big",
      "/files//docs/blob/big",
      "/files/DOCS/blob/big",
      "/files/docs/Blob/big",
      "/files/docs/echo/",
      "/files/docs/echo/x",
      "/files/docs/%65cho",
      "/files/docs/graphql",
      "/files/docs/unknown/x",
      "/files/docs",
      "/files/%2e%2e/graphql",
    ];
    for (const path of paths) {
      const res = await get(path);
      expect([path, res.status, errorCodes(res.json)]).toEqual([path, 404, ["NOT_FOUND"]]);
    }
    expect(calls.length).toBe(before);
  });

  it("answers 405 to another verb: POST to a download, GET to an upload", async () => {
    const before = calls.length;
    for (const [method, path, allow] of [
      ["POST", "/files/docs/blob/big", "GET"],
      ["POST", "/files/docs/echo", "GET"],
      ["DELETE", "/files/docs/echo", "GET"],
      ["PUT", "/files/docs/inbox", "GET, POST"],
      ["GET", "/files/docs/drop", "POST"],
      ["HEAD", "/files/docs/drop", "POST"],
    ]) {
      const res = await rawRequest(base, { method, path, headers: operatorAuth, body: method === "POST" || method === "PUT" ? "x" : undefined });
      expect([method, path, res.status, res.headers.allow]).toEqual([method, path, 405, allow]);
    }
    expect(calls.length).toBe(before);
    const posted = await rawRequest(base, { path: "/files/docs/drop", headers: operatorAuth, body: "x" });
    expect(posted.json).toEqual({ data: { dropped: true } });
  });

  it("refuses an unauthenticated request with 401 before asking the subgraph", async () => {
    const before = calls.length;
    for (const headers of [{}, { authorization: `Bearer iso_${"x".repeat(43)}` }, { authorization: "Basic abc" }]) {
      const res = await get("/files/docs/blob/big", headers);
      expect([res.status, errorCodes(res.json)]).toEqual([401, ["UNAUTHENTICATED"]]);
    }
    expect(calls.length).toBe(before);
  });

  it("masks an internal error and keeps a client error's message and status", async () => {
    const internal = await get("/files/docs/broken/internal");
    expect(internal.status).toBe(500);
    const [error] = internal.json.errors;
    expect(error.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(internal.text).not.toMatch(/ECONNREFUSED|10\.0\.0\.7|\/work\/|db\.ts/);
    expect(logLines.find((l) => l.errorId === error.extensions.errorId)?.err.message).toMatch(/ECONNREFUSED/);
    expect(internal.headers["content-disposition"]).toBeUndefined();

    const late = await get("/files/docs/broken/late");
    expect([late.status, errorCodes(late.json)]).toEqual([500, ["INTERNAL_SERVER_ERROR"]]);
    expect(late.text).not.toMatch(/cursor|relation|secret/);

    const missing = await get("/files/docs/broken/missing");
    expect(missing.status).toBe(404);
    expect(missing.json.errors[0]).toMatchObject({ message: "Invoice missing not found", extensions: { code: "NOT_FOUND" } });

    const twice = await get("/files/docs/echo?from=2026-01-01&from=2026-02-01");
    expect(twice.status).toBe(400);
    expect(twice.json.errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "from" });
  });

  it("cuts the connection when a file fails after its first bytes, rather than ending it as if complete", async () => {
    const res = await fetch(`${base}/files/docs/broken/midway`, { headers: operatorAuth });
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toThrow();
  });

  it("answers 502 when the subgraph cannot be reached", async () => {
    const res = await get("/files/gone/report");
    expect([res.status, errorCodes(res.json)]).toEqual([502, ["UNAVAILABLE"]]);
  });
});

describe("download routes of the subgraph", () => {
  const direct = (path: string, audience?: Parameters<typeof signPrincipal>[2]["audience"], method = "GET") =>
    rawRequest(docsBase, { method, path, headers: audience ? { [PRINCIPAL_HEADER]: signPrincipal(operator, SECRET, { audience }) } : {}, body: method === "GET" ? undefined : "x" });

  it("refuses a request without a principal signed for that download, whatever else it is signed for", async () => {
    const before = calls.length;
    for (const audience of [undefined, graphqlAudience("docs"), uploadAudience("docs", "blob"), downloadAudience("docs", "echo"), downloadAudience("other", "blob")]) {
      const res = await direct("/files/blob/big", audience);
      expect([audience, res.status, errorCodes(res.json)]).toEqual([audience, 401, ["UNAUTHENTICATED"]]);
    }
    const forged = await rawRequest(docsBase, { method: "GET", path: "/files/blob/big", headers: { [PRINCIPAL_HEADER]: signPrincipal(operator, "another-secret", { audience: downloadAudience("docs", "blob") }) } });
    expect(forged.status).toBe(401);
    expect(calls.length).toBe(before);
    expect((await direct("/files/echo", downloadAudience("docs", "echo"))).status).toBe(200);
  });

  it("does not take an upload's header for the download of the same kind, nor the other way round", async () => {
    expect((await direct("/files/inbox", uploadAudience("docs", "inbox"))).status).toBe(401);
    expect((await direct("/files/inbox", downloadAudience("docs", "inbox"), "POST")).status).toBe(401);
    expect((await direct("/files/inbox", downloadAudience("docs", "inbox"))).status).toBe(200);
  });

  it("reads the id from the raw path: encoded or dotted ids are not found, never decoded", async () => {
    const before = calls.length;
    for (const path of ["/files/blob/%62ig", "/files/blob/%2e%2e", "/files/blob/a.b", `/files/blob/${"a".repeat(65)}`, "/files/blob/big/", "/files/blob/big/x"]) {
      const res = await direct(path, downloadAudience("docs", "blob"));
      expect([path, res.status, errorCodes(res.json)]).toEqual([path, 404, ["NOT_FOUND"]]);
    }
    expect(calls.length).toBe(before);
  });
});

describe("file route declarations", () => {
  it("refuses a route declared twice or a name that is not plain words", () => {
    const blob = { subgraph: "docs", kind: "blob", path: "id" } as const;
    expect(() => fileRouteMatcher([], [blob, blob])).toThrow(/declared twice/);
    expect(() => fileRouteMatcher([], [{ ...blob, kind: "a/b" }])).toThrow(/lowercase/);
    expect(() => fileRouteMatcher([], [{ ...blob, kind: ":id" }])).toThrow(/lowercase/);
    expect(() => fileRouteMatcher([{ subgraph: "docs", kind: "blob", maxBytes: 1 }], [blob])).not.toThrow();
  });
});
