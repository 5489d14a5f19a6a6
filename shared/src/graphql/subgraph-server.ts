import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Readable } from "node:stream";
import express from "express";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import type { GraphQLSchema } from "graphql";
import { WebSocketServer } from "ws";
import { useServer } from "graphql-ws/use/ws";
import { downloadAudience, graphqlAudience, PRINCIPAL_HEADER, uploadAudience, verifyPrincipal, type PrincipalAudience } from "../auth/signed-principal";
import { VerifiedPrincipals } from "../auth/verified-principals";
import { assertMayWrite } from "../auth/scope";
import type { Principal } from "../auth/principal";
import type { Logger } from "../logger";
import { metricsHandler } from "../metrics";
import { devErrors, errorBody, errorResponse, jsonErrorHandler, jsonNotFound, maskError } from "./error-masking";
import { currentRequest, operationNamePlugin, requestScope } from "./request-scope";
import { FILE_ROUTE_NAME, serveDownload, type FileDownloadHandler } from "./file-downloads";
import { HTTP_REQUEST_TIMEOUT_MS } from "../net";


export interface SubgraphServerOptions<C> {
  name: string;
  schema: GraphQLSchema;
  /** Shared HMAC secret; requests without a valid signed principal are refused. */
  secret: string;
  createContext: (principal: Principal) => C;
  logger?: Logger;
  /** Interface to listen on: loopback in the one-process hub, 0.0.0.0 in its own container. */
  host?: string;
  /** Streaming file uploads under /files/<kind>, for inputs too large for a GraphQL request (decks, CDR files). */
  fileRoutes?: Record<string, FileUploadHandler>;
  /** File downloads under GET /files/<kind> and /files/<kind>/<id> (invoice PDFs, exports); reads, so a read-only principal may. */
  fileDownloads?: Record<string, FileDownloadHandler>;
  /** Resolves when the subgraph can serve (its database answers); `/ready` reports it. */
  readiness?: () => Promise<unknown>;
}

/** Handles one uploaded file: `body` streams the request, `params` are its query parameters. */
export type FileUploadHandler = (principal: Principal, body: NodeJS.ReadableStream & Readable, params: Record<string, string>) => Promise<unknown>;

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const UNSIGNED = errorBody("Missing or invalid signed principal", "UNAUTHENTICATED");
/** Subgraph requests come from the gateway: entity representations may make them larger than a client's, within the cost limit. */
const SUBGRAPH_BODY_LIMIT = "5mb";

/** Serves a subgraph over HTTP (POST /graphql) and graphql-ws (same path); `/health`, `/ready` and `/metrics` are open. */
export async function serveSubgraph<C extends object>(options: SubgraphServerOptions<C>, port: number): Promise<RunningServer> {
  const graphqlAud = graphqlAudience(options.name);
  const timeoutMs = Number(process.env.INTERSETTLE_OPERATION_TIMEOUT_MS || 30000);
  const app = express();
  app.disable("x-powered-by");
  // Express would hash every answer for an ETag; GraphQL POSTs and streamed files are never revalidated with one.
  app.set("etag", false);
  app.set("case sensitive routing", true);
  app.set("strict routing", true);
  // Uploads of large CDR files may take longer than Node's default 5 minutes; requests are authenticated before their body.
  const httpServer = http.createServer({ requestTimeout: HTTP_REQUEST_TIMEOUT_MS }, app);
  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql" });
  const wsCleanup = useServer<Record<string, unknown>, { principal?: Principal }>(
    {
      schema: options.schema,
      onConnect: (ctx) => {
        const header = ctx.connectionParams?.[PRINCIPAL_HEADER];
        const principal = verifyPrincipal(typeof header === "string" ? header : undefined, options.secret, graphqlAud);
        if (!principal) return false;
        ctx.extra.principal = principal;
        return true;
      },
      context: (ctx) => options.createContext(ctx.extra.principal!),
      // Subscription errors go through the same masking as every other answer.
      onError: (_ctx, _id, _payload, errors) => errors.map((err) => maskError(err.toJSON(), err, options.logger)),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((err) => maskError(err.toJSON(), err, options.logger)) } : undefined,
    },
    wsServer,
  );
  const apollo = new ApolloServer<C>({
    schema: options.schema,
    introspection: true,
    // The hub stops its parts itself, in order (gateway, subgraphs, database last), on SIGINT and SIGTERM.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: devErrors(),
    formatError: (formatted, error) => maskError(formatted, error, options.logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      // No type declares cache hints, and only the gateway answers clients (with no-store): the default plugin would
      // only add a hook call on every field resolved.
      ApolloServerPluginCacheControlDisabled(),
      operationNamePlugin(),
      { serverWillStart: async () => ({ drainServer: async () => void (await wsCleanup.dispose()) }) },
    ],
  });
  await apollo.start();
  app.use(requestScope(options.name, options.logger));
  app.get("/health", (_req, res) => void res.json({ status: "ok", subgraph: options.name }));
  app.get("/ready", async (_req, res) => {
    const database = await Promise.race([
      (options.readiness?.() ?? Promise.resolve()).then(() => "ok", () => "unavailable"),
      new Promise<string>((resolve) => setTimeout(resolve, 2000, "unavailable").unref()),
    ]);
    const ready = database === "ok";
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not ready", subgraph: options.name, database });
  });
  app.get("/metrics", metricsHandler());
  const signedFor = (audience: PrincipalAudience): express.RequestHandler => {
    const verified = new VerifiedPrincipals(options.secret, audience);
    return (req, res, next) => {
      const principal = verified.verify(req.header(PRINCIPAL_HEADER));
      if (!principal) return void res.status(401).json(UNSIGNED);
      res.locals.principal = principal;
      next();
    };
  };
  for (const [kind, handler] of Object.entries(options.fileRoutes ?? {})) {
    app.post(`/files/${fileKind(kind)}`, signedFor(uploadAudience(options.name, kind)), async (req, res) => {
      const principal = res.locals.principal as Principal;
      try {
        assertMayWrite(principal);
        res.json({ data: await handler(principal, req, Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, String(v)]))) });
      } catch (err) {
        req.resume();
        const { status, body } = errorResponse(err, options.logger);
        res.status(status).json(body);
      }
    });
  }
  for (const [kind, handler] of Object.entries(options.fileDownloads ?? {})) {
    app.get([`/files/${fileKind(kind)}`, `/files/${kind}/:id`], signedFor(downloadAudience(options.name, kind)), serveDownload(kind, handler, options.logger));
  }
  app.use(
    "/graphql",
    signedFor(graphqlAud),
    express.json({ limit: SUBGRAPH_BODY_LIMIT }),
    operationDeadline(timeoutMs),
    expressMiddleware(apollo, { context: async ({ res }) => options.createContext(res.locals.principal as Principal) }),
  );
  app.use(jsonNotFound());
  app.use(jsonErrorHandler(options.logger));
  // A port in use fails the start (the WebSocket server would otherwise swallow the error and the start would hang).
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, options.host ?? "127.0.0.1", () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  const actualPort = (httpServer.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${actualPort}/graphql`;
  options.logger?.info({ url }, `${options.name} subgraph listening`);
  return {
    url,
    port: actualPort,
    stop: async () => {
      await apollo.stop();
    },
  };
}

/** A file route's kind goes into an express path: plain lowercase words only, so it can never be a pattern. */
function fileKind(kind: string): string {
  if (!FILE_ROUTE_NAME.test(kind)) throw new Error(`File route kind "${kind}" must be lowercase letters, digits and single dashes`);
  return kind;
}

/**
 * Answers an operation still running after `ms` with OPERATION_TIMEOUT, so that no caller waits longer;
 * the work itself ends with its database statements. Answered as a GraphQL result so the gateway passes the code on.
 */
function operationDeadline(ms: number): express.RequestHandler {
  return (_req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      currentRequest()?.log.warn({ timeoutMs: ms }, "operation stopped at its time limit");
      res.status(200).json({ data: null, ...errorBody(`The operation did not finish within ${ms} ms and was stopped`, "OPERATION_TIMEOUT") });
    }, ms);
    res.on("close", () => clearTimeout(timer));
    next();
  };
}
