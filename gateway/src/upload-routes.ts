import http from "node:http";
import https from "node:https";
import { Transform } from "node:stream";
import type { RequestHandler } from "express";
import { currentRequest, errorBody, maskError, PRINCIPAL_HEADER, REQUEST_ID_HEADER, signPrincipal, uploadAudience, type Logger, type Principal } from "@intersettle/shared";
import type { UploadDeclaration } from "./subgraph-catalog";

/** One upload route the gateway forwards: POST /files/<subgraph>/<kind> to the subgraph's /files/<kind>. */
export interface UploadEndpoint {
  subgraph: string;
  kind: string;
  maxBytes: number;
}

/** The upload endpoints declared with the subgraphs, with their size limits from the environment. */
export function declaredUploads(subgraphs: Array<{ name: string; uploads?: UploadDeclaration[] }>, env: NodeJS.ProcessEnv = process.env): UploadEndpoint[] {
  return subgraphs.flatMap((s) =>
    (s.uploads ?? []).map((u) => {
      const mb = Number(env[u.limitEnv] || u.defaultLimitMb);
      if (!(mb > 0)) throw new Error(`${u.limitEnv} must be a positive number of megabytes`);
      return { subgraph: s.name, kind: u.kind, maxBytes: Math.floor(mb * 1024 * 1024) };
    }),
  );
}

export interface FileForwarderOptions {
  subgraphUrl: (subgraph: string) => string;
  secret: string;
  logger?: Logger;
}

/** An upload request matched by the file routes (file-routes.ts). */
export interface UploadRequest {
  upload: UploadEndpoint;
  query: string;
}

/**
 * Streams an upload to the owning subgraph, for a request the file routes matched and authenticated: refused at once
 * when its Content-Length is over the route's limit, cut off when a chunked body passes it. Forwarded with node's
 * HTTP client on a connection of its own, so that cutting an upload off resets that connection and the subgraph's
 * reader fails at once: an aborted WHATWG fetch could leave the subgraph waiting for the rest of the body, holding
 * its import's locks.
 */
export function uploadForwarder(options: FileForwarderOptions): RequestHandler {
  return async (req, res) => {
    const { upload: endpoint, query } = res.locals.file as UploadRequest;
    const declared = Number(req.header("content-length"));
    if (Number.isFinite(declared) && declared > endpoint.maxBytes) return tooLarge(res, endpoint);
    const base = options.subgraphUrl(endpoint.subgraph).replace(/\/graphql$/, "");
    const target = new URL(`${base}/files/${endpoint.kind}${query ? `?${query}` : ""}`);
    const upstream = (target.protocol === "https:" ? https : http).request(target, {
      method: "POST",
      // A connection of its own, never pooled: one an upload was cut off on is not used again. Kept alive while it
      // lasts: with `Connection: close` a subgraph that answers before the body ends (a CONFLICT) would close it
      // under the rest of the upload, and its answer would be lost to the write error.
      agent: false,
      headers: {
        connection: "keep-alive",
        "content-type": req.header("content-type") ?? "application/octet-stream",
        [PRINCIPAL_HEADER]: signPrincipal(res.locals.principal as Principal, options.secret, { audience: uploadAudience(endpoint.subgraph, endpoint.kind), ttlSeconds: 60 }),
        [REQUEST_ID_HEADER]: currentRequest()?.requestId ?? "",
      },
    });
    let received = 0;
    // A chunked body announces no length: it is counted as it streams and cut off at the limit.
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        if (received <= endpoint.maxBytes) return done(null, chunk);
        upstream.destroy();
        tooLarge(res, endpoint);
        done();
      },
    });
    // A client that goes away mid-file cancels the upstream upload too, rather than leaving it waiting for bytes.
    req.on("close", () => {
      if (!req.complete) upstream.destroy();
    });
    // Writes after the answer or the cut-off fail on the destroyed request; the answer (or the 413) is what counts.
    upstream.on("error", () => undefined);
    req.pipe(counted).pipe(upstream);
    try {
      const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        upstream.once("error", reject);
        upstream.once("response", (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.once("error", reject);
          response.once("end", () => {
            upstream.destroy();
            resolve({ status: response.statusCode ?? 502, text: Buffer.concat(chunks).toString("utf8") });
          });
        });
      });
      if (res.headersSent) return;
      const body = JSON.parse(answer.text) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
      if (body.errors) body.errors = body.errors.map((e) => maskError(e, e, options.logger) as (typeof body.errors & object)[number]);
      res.status(answer.status).json(body);
    } catch (err) {
      if (res.headersSent) return;
      (currentRequest()?.log ?? options.logger)?.error({ err }, "upload proxy failed");
      res.status(502).json(errorBody("The subgraph did not answer the upload", "UNAVAILABLE"));
    }
  };
}

/** 413 before (or instead of) reading the rest of the body; the connection closes so the client stops sending. */
function tooLarge(res: Parameters<RequestHandler>[1], endpoint: UploadEndpoint): void {
  if (res.headersSent) return;
  const mb = Math.round((endpoint.maxBytes / 1024 / 1024) * 100) / 100;
  res.setHeader("connection", "close");
  res.status(413).json(errorBody(`The file is larger than the ${mb} MB allowed for /files/${endpoint.subgraph}/${endpoint.kind}`, "PAYLOAD_TOO_LARGE", { limitBytes: endpoint.maxBytes }));
}
