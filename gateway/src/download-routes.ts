import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { RequestHandler, Response } from "express";
import { currentRequest, downloadAudience, errorBody, maskError, PRINCIPAL_HEADER, REQUEST_ID_HEADER, signPrincipal, type Logger, type Principal } from "@intersettle/shared";
import type { DownloadDeclaration } from "./subgraph-catalog";
import type { FileForwarderOptions } from "./upload-routes";

/** One download route the gateway forwards: GET /files/<subgraph>/<kind>[/<id>] to the subgraph's /files/<kind>[/<id>]. */
export interface DownloadEndpoint {
  subgraph: string;
  kind: string;
  path: DownloadDeclaration["path"];
}

/** A download request matched by the file routes (file-routes.ts); `id` only on routes declared with `path: "id"`. */
export interface DownloadRequest {
  download: DownloadEndpoint;
  id?: string;
  query: string;
}

/** The download endpoints declared with the subgraphs. */
export function declaredDownloads(subgraphs: Array<{ name: string; downloads?: DownloadDeclaration[] }>): DownloadEndpoint[] {
  return subgraphs.flatMap((s) => (s.downloads ?? []).map((d) => ({ subgraph: s.name, kind: d.kind, path: d.path })));
}

type Errors = Array<{ message: string; extensions?: Record<string, unknown> }>;

/**
 * Streams a file from the owning subgraph to the client, never holding it whole, for a request the file routes matched
 * and authenticated. Only the status, the type, the length and an attachment disposition come through; error answers
 * are masked like every other error. A client that goes away aborts the subgraph's fetch (and with it the export).
 */
export function downloadForwarder(options: FileForwarderOptions): RequestHandler {
  const log = () => currentRequest()?.log ?? options.logger;
  return async (req, res) => {
    const { download, id, query } = res.locals.file as DownloadRequest;
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    let upstream: globalThis.Response;
    try {
      const base = options.subgraphUrl(download.subgraph).replace(/\/graphql$/, "");
      upstream = await fetch(`${base}/files/${download.kind}${id === undefined ? "" : `/${id}`}${query ? `?${query}` : ""}`, {
        headers: {
          [PRINCIPAL_HEADER]: signPrincipal(res.locals.principal as Principal, options.secret, { audience: downloadAudience(download.subgraph, download.kind), ttlSeconds: 60 }),
          [REQUEST_ID_HEADER]: currentRequest()?.requestId ?? "",
        },
        redirect: "manual",
        signal: abort.signal,
      });
      if (!upstream.ok) {
        const { status, body } = await maskedErrors(upstream, options.logger);
        return void res.status(status).json(body);
      }
    } catch (err) {
      if (abort.signal.aborted) return;
      log()?.error({ err, subgraph: download.subgraph, kind: download.kind }, "download proxy failed");
      return void res.status(502).json(errorBody("The subgraph did not answer the download", "UNAVAILABLE"));
    }
    passHeaders(upstream, res);
    try {
      await pipeline(upstream.body ? Readable.fromWeb(upstream.body as WebReadableStream) : Readable.from([]), res);
    } catch (err) {
      // Too late for an error answer: the cut connection tells the client the file is incomplete.
      if (!abort.signal.aborted) log()?.warn({ err, subgraph: download.subgraph, kind: download.kind }, "download cut off while streaming");
      res.destroy();
    }
  };
}

/**
 * The few headers of the subgraph's answer a client gets. The file is always an attachment, never rendered by the
 * browser as a page of the API's origin, never sniffed into another type, and never kept by a shared cache.
 */
function passHeaders(upstream: globalThis.Response, res: Response): void {
  res.status(upstream.status);
  res.setHeader("content-type", upstream.headers.get("content-type") ?? "application/octet-stream");
  const disposition = upstream.headers.get("content-disposition");
  res.setHeader("content-disposition", disposition && /^attachment\s*(;|$)/i.test(disposition) ? disposition : "attachment");
  // fetch decodes a compressed body, whose announced length would then be wrong.
  const length = upstream.headers.get("content-length");
  if (length && /^\d+$/.test(length) && !upstream.headers.has("content-encoding")) res.setHeader("content-length", length);
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("cache-control", "private, no-store");
}

/**
 * The subgraph's error answer with its errors masked. Anything else (no GraphQL-style error body, a redirect) is
 * passed on as nothing but an internal error, its detail logged under the error id the client sees.
 */
async function maskedErrors(upstream: globalThis.Response, logger?: Logger): Promise<{ status: number; body: { errors: Errors } }> {
  const text = await upstream.text();
  let errors: Errors | undefined;
  try {
    errors = (JSON.parse(text) as { errors?: Errors }).errors;
  } catch {
    errors = undefined;
  }
  if (upstream.status >= 400 && Array.isArray(errors) && errors.length > 0) {
    return { status: upstream.status, body: { errors: errors.map((e) => maskError(e, e, logger) as Errors[number]) } };
  }
  const unexpected = `download answered ${upstream.status} without an error body: ${text.slice(0, 200)}`;
  return { status: 502, body: { errors: [maskError({ message: unexpected }, new Error(unexpected), logger) as Errors[number]] } };
}
