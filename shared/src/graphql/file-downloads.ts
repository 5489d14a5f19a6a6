import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { RequestHandler, Response } from "express";
import { create as contentDisposition } from "content-disposition";
import { BadUserInputError } from "../errors";
import type { Principal } from "../auth/principal";
import type { Logger } from "../logger";
import { errorBody, errorResponse } from "./error-masking";
import { currentRequest } from "./request-scope";

/** A subgraph's name or a file route's kind, as it appears in /files paths: plain lowercase words, never a pattern. */
export const FILE_ROUTE_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The one path segment a download may take after its kind (an id or a format name); read raw, never decoded. */
export const DOWNLOAD_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** One file a subgraph hands out. A stream is sent as it is read (exports may be large); a Buffer with its length. */
export interface FileDownload {
  filename: string;
  contentType: string;
  body: Buffer | NodeJS.ReadableStream;
}

/**
 * Produces one file for a principal: `id` is the segment after the kind (GET /files/<kind>/<id>), absent on
 * GET /files/<kind>; `query` holds the query parameters, each given once. Deciding who may read which file is the handler's.
 */
export type FileDownloadHandler = (principal: Principal, params: { id?: string; query: Record<string, string> }) => Promise<FileDownload>;

/** The longest file name offered; longer ones are cut (browsers and file systems refuse them anyway). */
const MAX_FILENAME_CHARS = 150;

/**
 * `attachment; filename="…"` for any name (RFC 6266): no folders, no control or invisible formatting characters
 * (which could disguise an extension), an ASCII fallback and the UTF-8 name in `filename*` when it needs one.
 */
export function attachmentDisposition(filename: string): string {
  const cleaned = filename
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, "")
    .replace(/[\\/]/g, "_")
    .trim()
    .replace(/^\.+/, "");
  const name = Array.from(cleaned).slice(0, MAX_FILENAME_CHARS).join("") || "download";
  return contentDisposition(name);
}

/**
 * Serves GET /files/<kind> and /files/<kind>/<id> for a principal already verified (in `res.locals.principal`).
 * The id is read from the raw path, so an encoded or dotted segment is not found rather than decoded into something else.
 * The file's first chunk is awaited before the status is sent: a file that fails to start is answered as an error.
 */
export function serveDownload(kind: string, handler: FileDownloadHandler, logger?: Logger): RequestHandler {
  const base = `/files/${kind}`;
  return async (req, res) => {
    const raw = req.originalUrl;
    const q = raw.indexOf("?");
    const path = q === -1 ? raw : raw.slice(0, q);
    const id = path === base ? undefined : path.slice(base.length + 1);
    if (id !== undefined && !DOWNLOAD_ID.test(id)) return void res.status(404).json(MALFORMED_ID);
    let body: Buffer | Readable;
    try {
      const file = await handler(res.locals.principal as Principal, { ...(id !== undefined && { id }), query: singleParams(q === -1 ? "" : raw.slice(q + 1)) });
      body = await opened(file.body, res);
      res.setHeader("content-disposition", attachmentDisposition(file.filename));
      res.setHeader("content-type", file.contentType);
    } catch (err) {
      if (req.socket.destroyed) return;
      res.removeHeader("content-disposition");
      const { status, body } = errorResponse(err, logger);
      return void res.status(status).json(body);
    }
    if (Buffer.isBuffer(body)) return void res.setHeader("content-length", body.length).end(body);
    try {
      await pipeline(body, res);
    } catch (err) {
      // Too late for an error answer: the cut connection tells the client the file is incomplete.
      if (!req.socket.destroyed) (currentRequest()?.log ?? logger)?.error({ err, kind }, "download failed while streaming");
      res.destroy();
    }
  };
}

const MALFORMED_ID = errorBody("No such file: ids are 1 to 64 letters, digits, _ or -", "NOT_FOUND");

/**
 * A Buffer as it is, a stream once its first chunk (or its end, or its error) has come, so that a file that fails
 * to start is answered as an error. A client that goes away stops the stream's source (a database cursor, a renderer).
 */
async function opened(body: Buffer | NodeJS.ReadableStream, res: Response): Promise<Buffer | Readable> {
  if (Buffer.isBuffer(body)) return body;
  const source = body instanceof Readable ? body : new Readable().wrap(body);
  res.on("close", () => source.destroy());
  const chunks = source[Symbol.asyncIterator]();
  const first = await chunks.next();
  return Readable.from(
    (async function* () {
      if (first.done) return;
      yield first.value;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    })(),
    { objectMode: false },
  );
}

/** Query parameters as the handler's record; a parameter given twice is refused rather than one of its values guessed. */
function singleParams(raw: string): Record<string, string> {
  const params = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(raw)) {
    if (params.has(key)) throw new BadUserInputError([{ field: key, message: "is given more than once" }]);
    params.set(key, value);
  }
  return Object.fromEntries(params);
}
