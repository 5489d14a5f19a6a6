import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloGateway, type ServiceMap } from "@apollo/gateway";
import proxyaddr from "proxy-addr";
import {
  currentRequest,
  devErrors,
  errorBody,
  HTTP_REQUEST_TIMEOUT_MS,
  jsonErrorHandler,
  jsonNotFound,
  maskError,
  metricsHandler,
  operationNamePlugin,
  requestScope,
  type Logger,
  type MetricsSnapshot,
  type Principal,
} from "@intersettle/shared";
import { AuthenticationThrottled, BearerAuthenticator, throttledAnswer } from "./bearer-authenticator";
import { followCredentialChanges } from "./credential-changes";
import { followPartnersCredentialStream } from "./credential-stream";
import { readAuthSettings, type AuthSettings } from "./auth-throttle";
import { costLimitPlugin, queryLimitRules, readQueryLimits, type QueryLimits } from "./query-limits";
import { SUBGRAPHS } from "./subgraph-catalog";
import { declaredUploads, type UploadEndpoint } from "./upload-routes";
import { declaredDownloads, type DownloadEndpoint } from "./download-routes";
import { fileProxy } from "./file-routes";
import { SubgraphDataSource, type GatewayContext } from "./subgraph-data-source";
import { SupergraphPlanner } from "./subscriptions/subscription-plan";
import { FederatedSubscriptions } from "./subscriptions/federated-subscriptions";
import { throughApollo } from "./subscriptions/socket-operations";
import { serveSubscriptions } from "./subscriptions/subscription-server";
import { readSubscriptionSettings, type SubscriptionSettings } from "./subscriptions/subscription-settings";

export type { GatewayContext } from "./subgraph-data-source";


export interface GatewayOptions {
  port: number;
  host?: string;
  supergraphSdl: string;
  /** Subgraph name → URL, overriding the URLs in the supergraph. */
  subgraphUrls: Record<string, string>;
  internalSecret: string;
  limits?: QueryLimits;
  /** Failed-authentication throttling, the principal cache and trusted proxies; unset fields come from the environment. */
  auth?: Partial<AuthSettings>;
  /**
   * How the principal cache learns of credential changes as they commit: LISTENing on a PostgreSQL URL for the event
   * log's notifications (it reads no table; the one-process hub), or following the partners subgraph's
   * `credentialChanges` stream over graphql-ws (docker-compose, where the gateway holds no database credentials).
   * Without it, or until it is live, every request asks the partners subgraph.
   */
  credentialChanges?: { databaseUrl: string } | "partners-stream";
  /** The upload routes forwarded to subgraphs; by default those declared in the subgraph catalog. */
  uploads?: UploadEndpoint[];
  /** The download routes forwarded to subgraphs; by default those declared in the subgraph catalog. */
  downloads?: DownloadEndpoint[];
  /** WebSocket and subscription settings; by default from the environment. */
  subscriptions?: SubscriptionSettings;
  /** The rest of the hub's metrics, when the gateway runs on a thread of its own (gateway-thread.ts). */
  metricsFrom?: () => Promise<MetricsSnapshot>;
  logger?: Logger;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const UNAUTHENTICATED = errorBody("Send Authorization: Bearer <partner API key or operator token>", "UNAUTHENTICATED");

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const limits = options.limits ?? readQueryLimits();
  const logger = options.logger;
  const urlOf = (name: string, fallback?: string) => options.subgraphUrls[name] ?? fallback!;
  const auth = { ...readAuthSettings(), ...options.auth };
  const authenticator = new BearerAuthenticator(() => urlOf("partners"), options.internalSecret, auth);
  // A mutation through this gateway may change a credential or a partner's status: its client's next request must
  // see the change even before the notification arrives.
  const afterMutation = (name: string) => (name === "partners" ? () => authenticator.forgetPrincipals() : undefined);
  // The gateway's own data sources, kept: a subscription event's remaining fields are fetched through them.
  const services: ServiceMap = {};
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => (services[name] = new SubgraphDataSource(urlOf(name, url), name, options.internalSecret, afterMutation(name))),
  });
  const graph = new SupergraphPlanner(options.supergraphSdl);
  const settings = options.subscriptions ?? readSubscriptionSettings();
  const subscriptions = new FederatedSubscriptions({
    graph,
    services: () => services,
    // As for queries: the configured URL, else the one the supergraph declares (which the data source was built with).
    subgraphUrl: (name) => urlOf(name, (services[name] as SubgraphDataSource | undefined)?.url),
    secret: options.internalSecret,
    upstream: settings.upstream,
    maxPending: settings.maxPending,
    timeoutMs: limits.operationTimeoutMs,
    logger,
  });
  let sockets: { dispose(): Promise<void> } | undefined;
  const app = express();
  app.disable("x-powered-by");
  // Express would hash every answer for an ETag; GraphQL POSTs and streamed files are never revalidated with one.
  app.set("etag", false);
  // Uploads of large CDR files may take longer than Node's default 5 minutes; requests are authenticated before their body.
  const httpServer = http.createServer({ requestTimeout: HTTP_REQUEST_TIMEOUT_MS }, app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    // The hub stops its parts itself, in order (gateway, subgraphs, database last), on SIGINT and SIGTERM.
    stopOnTerminationSignals: false,
    validationRules: queryLimitRules(limits),
    parseOptions: { maxTokens: limits.maxTokens },
    includeStacktraceInErrorResponses: devErrors(),
    formatError: (formatted, error) => maskError(formatted, error, logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      operationNamePlugin(),
      costLimitPlugin(limits.maxCost),
      // WebSocket clients are told the gateway is going away, and every upstream subscription is closed.
      { serverWillStart: async () => ({ drainServer: async () => void (await sockets?.dispose(), subscriptions.closeAll()) }) },
    ],
  });
  await apollo.start();
  app.set("trust proxy", auth.trustProxy);
  sockets = serveSubscriptions({
    httpServer,
    schema: graph.schema,
    subscriptions,
    authenticator,
    clientAddress: (request) => proxyaddr(request, app.get("trust proxy fn")),
    limits,
    settings: settings.socket,
    execute: throughApollo(apollo, limits.operationTimeoutMs),
    logger,
  });

  app.use(requestScope("gateway", logger));
  app.get("/health", (_req, res) => void res.json({ status: "ok" }));
  app.get("/ready", async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(options.subgraphUrls).map(async ([name, url]) => {
        const answer = await fetch(url.replace(/\/graphql$/, "/ready"), { signal: AbortSignal.timeout(3000) }).then(
          async (r) => ({ status: r.ok ? "ready" : "not ready", database: ((await r.json().catch(() => ({}))) as { database?: string }).database ?? "unknown" }),
          () => ({ status: "unreachable", database: "unknown" }),
        );
        return [name, answer] as const;
      }),
    );
    const ready = checks.every(([, s]) => s.status === "ready");
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not ready", subgraphs: Object.fromEntries(checks) });
  });
  app.get("/metrics", metricsHandler({ alsoFrom: options.metricsFrom }));
  const authenticate: express.RequestHandler = async (req, res, next) => {
    try {
      const principal = await authenticator.authenticate(req.header("authorization"), req.ip);
      if (!principal) return void res.status(401).json(UNAUTHENTICATED);
      res.locals.principal = principal;
      next();
    } catch (err) {
      if (err instanceof AuthenticationThrottled) return void res.status(429).set("Retry-After", String(err.retryAfterSeconds)).json(throttledAnswer(err));
      (currentRequest()?.log ?? logger)?.error({ err }, "authentication failed");
      res.status(503).json(errorBody("Authentication is unavailable", "UNAVAILABLE"));
    }
  };
  // Files stream through to and from the owning subgraph, never buffered here, and are not bound by the operation time limit.
  app.use(
    "/files",
    ...fileProxy({
      uploads: options.uploads ?? declaredUploads(SUBGRAPHS),
      downloads: options.downloads ?? declaredDownloads(SUBGRAPHS),
      subgraphUrl: (name) => urlOf(name),
      secret: options.internalSecret,
      authenticate,
      logger,
    }),
  );
  // Who is asking is settled before a body byte is parsed; then the body is held to a small limit.
  app.use(
    "/graphql",
    authenticate,
    express.json({ limit: limits.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const scope = currentRequest();
        const deadline = AbortSignal.timeout(limits.operationTimeoutMs);
        if (scope) scope.deadline = deadline;
        return { principal: res.locals.principal as Principal, requestId: scope?.requestId ?? "", deadline, timeoutMs: limits.operationTimeoutMs };
      },
    }),
  );
  app.use(jsonNotFound());
  app.use(jsonErrorHandler(logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host ?? "127.0.0.1", () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const credentialChanges =
    options.credentialChanges === "partners-stream"
      ? followPartnersCredentialStream(urlOf("partners"), options.internalSecret, authenticator.principals, settings.upstream, logger)
      : options.credentialChanges
        ? followCredentialChanges(options.credentialChanges.databaseUrl, authenticator.principals, logger)
        : undefined;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    stop: async () => {
      await apollo.stop();
      await credentialChanges?.stop();
    },
  };
}
