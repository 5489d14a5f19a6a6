import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestHandler } from "express";
import type { Logger } from "../logger";
import { operationLabel, requestCount, requestSeconds } from "../metrics";

/** Header carrying a request's id from the client (optional) to the gateway, the subgraphs and back. */
export const REQUEST_ID_HEADER = "x-request-id";

/** What the code serving one HTTP request knows about it, wherever it runs (resolvers, services, error formatting). */
export interface RequestScope {
  requestId: string;
  /** Logger whose every line carries the request id. */
  log: Logger;
  /** Set once GraphQL has resolved the operation. */
  operationName?: string;
  /** Aborted when the operation's time limit is reached; outgoing calls made for the request pass it on. */
  deadline?: AbortSignal;
}

const scopes = new AsyncLocalStorage<RequestScope>();

/** The scope of the request being served, if any. */
export function currentRequest(): RequestScope | undefined {
  return scopes.getStore();
}

/** An incoming id is kept only when it is short and plain, so it cannot forge or bloat log lines. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (the caller's, when sane), returns it in `x-request-id`, runs the rest of the
 * request in a scope whose logger carries it, and logs and counts one line per request when it ends.
 */
export function requestScope(server: string, logger: Logger | undefined): RequestHandler {
  return (req, res, next) => {
    const incoming = req.header(REQUEST_ID_HEADER);
    const requestId = incoming && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const log = (logger ?? silentLogger).child({ requestId });
    const scope: RequestScope = { requestId, log };
    const started = process.hrtime.bigint();
    const path = routeLabel(req.path);
    const shownPath = req.path.slice(0, 200);
    res.on("close", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const operation = scope.operationName !== undefined ? operationLabel(scope.operationName) : res.statusCode === 404 ? "other" : path;
      requestCount.inc({ server, operation, status: String(res.statusCode) });
      requestSeconds.observe({ server, operation }, seconds);
      const line = { method: req.method, path: shownPath, operation, status: res.statusCode, durationMs: Math.round(seconds * 1000), aborted: !res.writableFinished };
      if (res.statusCode >= 500) log.warn(line, "request failed");
      else log.info(line, "request");
    });
    scopes.run(scope, next);
  };
}

/** Names the GraphQL operation of the current request, for its log line and metrics. */
export function operationNamePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operationName }) {
          const scope = currentRequest();
          if (scope) scope.operationName = operationName ?? "";
        },
      };
    },
  };
}

/** Paths label metrics: only known route shapes, so scanners cannot grow the label set. */
function routeLabel(path: string): string {
  if (path === "/graphql" || path === "/health" || path === "/ready" || path === "/metrics") return path;
  if (/^\/files\/[a-z0-9-]+(\/[a-z0-9-]+)?$/.test(path)) return path;
  return "other";
}

const silentLogger = { child: () => silentLogger, info() {}, warn() {}, error() {}, debug() {} } as unknown as Logger;
