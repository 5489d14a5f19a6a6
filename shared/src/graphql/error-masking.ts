import { randomUUID } from "node:crypto";
import type { ErrorRequestHandler, RequestHandler } from "express";
import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import type { Logger } from "../logger";
import { currentRequest } from "./request-scope";
import { sqlState } from "../db/postgres-error";

/** INTERSETTLE_DEV_ERRORS=1 lets details (messages, stack traces) through to clients, for development only. */
export function devErrors(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.INTERSETTLE_DEV_ERRORS === "1";
}

/** Codes whose message was written for the client; anything else is unexpected and masked. */
const CLIENT_CODES = new Set([
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "UNAUTHENTICATED",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "GRAPHQL_VALIDATION_FAILED",
  "GRAPHQL_PARSE_FAILED",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "OPERATION_TIMEOUT",
  "PAYLOAD_TOO_LARGE",
  "TOO_MANY_REQUESTS",
  "UNAVAILABLE",
]);

const HTTP_STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  UNAUTHORIZED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  UNAVAILABLE: 503,
  OPERATION_TIMEOUT: 504,
};

/** Keys that describe the server, never the client's request. */
const INTERNAL_EXTENSIONS = new Set(["stacktrace", "exception", "serviceName", "http", "response"]);

/** PostgreSQL rejected a value the client sent (SQLSTATE 22P02, invalid text representation: a malformed uuid id). */
const INVALID_TEXT_REPRESENTATION = "22P02";
/** The statement ran past its pool's statement_timeout (SQLSTATE 57014). */
const QUERY_CANCELED = "57014";

const MAX_MESSAGE_CHARS = 400;
const ERROR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Keeps the start of a long message: validation errors may quote a huge literal the client sent. */
export function truncateMessage(message: string, max = MAX_MESSAGE_CHARS): string {
  return message.length <= max ? message : `${message.slice(0, max)}… (${message.length - max} more characters)`;
}

/**
 * The one error formatter of the gateway and every subgraph (Apollo `formatError`, upload routes, express).
 * Client errors keep their message (shortened); a malformed value PostgreSQL refused is BAD_USER_INPUT;
 * anything else becomes INTERNAL_SERVER_ERROR with an `errorId` that the logged detail carries too.
 */
export function maskError(formatted: GraphQLFormattedError, error: unknown, fallbackLog?: Logger): GraphQLFormattedError {
  if (devErrors()) return formatted;
  const original = unwrapResolverError(error);
  const extensions = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => !INTERNAL_EXTENSIONS.has(key)));
  const where = { ...(formatted.locations && { locations: formatted.locations }), ...(formatted.path && { path: formatted.path }) };
  if (sqlState(original) === INVALID_TEXT_REPRESENTATION) {
    // Most likely a malformed id the client sent; logged under an id in case the value came from the hub itself.
    const errorId = randomUUID();
    (currentRequest()?.log ?? fallbackLog)?.warn({ err: original, errorId, path: formatted.path }, "PostgreSQL refused a value as malformed");
    return { message: "A value is not in the expected form (for example an id that is not a UUID)", ...where, extensions: { code: "BAD_USER_INPUT", errorId } };
  }
  if (sqlState(original) === QUERY_CANCELED) {
    return { message: "The operation took too long and was stopped; narrow it (a period, a smaller page)", ...where, extensions: { code: "OPERATION_TIMEOUT" } };
  }
  const code = typeof extensions.code === "string" ? extensions.code : undefined;
  if (code && CLIENT_CODES.has(code)) return { message: truncateMessage(formatted.message), ...where, extensions };
  // Already masked by a subgraph: its log line holds the detail under this id.
  if (code === "INTERNAL_SERVER_ERROR" && typeof extensions.errorId === "string" && ERROR_ID.test(extensions.errorId)) {
    return { message: internalMessage(extensions.errorId), ...where, extensions: { code, errorId: extensions.errorId } };
  }
  const errorId = randomUUID();
  const log = currentRequest()?.log ?? fallbackLog;
  log?.error({ err: original instanceof Error ? original : formatted, errorId, code, path: formatted.path }, `unexpected error: ${truncateMessage(formatted.message, 200)}`);
  return { message: internalMessage(errorId), ...where, extensions: { code: "INTERNAL_SERVER_ERROR", errorId } };
}

function internalMessage(errorId: string): string {
  return `Internal server error; quote error id ${errorId} when reporting it`;
}

/** An error thrown outside GraphQL execution (an upload handler), as an HTTP status and a GraphQL-style body. */
export function errorResponse(err: unknown, fallbackLog?: Logger): { status: number; body: { errors: GraphQLFormattedError[] } } {
  const e = err as { message?: unknown; extensions?: Record<string, unknown> } | null;
  const formatted: GraphQLFormattedError = { message: typeof e?.message === "string" ? e.message : String(err), extensions: e?.extensions ?? { code: "INTERNAL_SERVER_ERROR" } };
  const masked = maskError(formatted, err, fallbackLog);
  const code = masked.extensions?.code as string;
  return { status: HTTP_STATUS[code] ?? 500, body: { errors: [masked] } };
}

/** A GraphQL-style error body with one error. */
export function errorBody(message: string, code: string, extensions: Record<string, unknown> = {}): { errors: GraphQLFormattedError[] } {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}

/** Express's last handler: malformed or oversized bodies and anything thrown are answered as JSON, without stack. */
export function jsonErrorHandler(fallbackLog?: Logger): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    if (res.headersSent) return void res.end();
    const e = err as { type?: string; status?: number; limit?: number; expose?: boolean; message?: string };
    if (e.type === "entity.too.large") return void res.status(413).json(errorBody(`The request body is larger than the limit of ${e.limit} bytes`, "PAYLOAD_TOO_LARGE", { limitBytes: e.limit }));
    if (e.type === "entity.parse.failed") return void res.status(400).json(errorBody("The request body is not valid JSON", "BAD_REQUEST"));
    if (e.expose && typeof e.status === "number" && e.status >= 400 && e.status < 500) {
      return void res.status(e.status).json(errorBody(truncateMessage(e.message ?? "Bad request"), "BAD_REQUEST"));
    }
    const { status, body } = errorResponse(err, fallbackLog);
    res.status(status).json(body);
  };
}

/** Unknown routes: a JSON 404 rather than express's HTML page. */
export function jsonNotFound(): RequestHandler {
  return (_req, res) => void res.status(404).json(errorBody("No such route", "NOT_FOUND"));
}
