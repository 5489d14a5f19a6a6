import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import express from "express";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { PRINCIPAL_HEADER, signPrincipal, type Logger, type Principal } from "@intersettle/shared";
import { BearerAuthenticator } from "./bearer-authenticator";
import { queryLimitRules, readQueryLimits, type QueryLimits } from "./query-limits";

export interface GatewayOptions {
  port: number;
  host?: string;
  supergraphSdl: string;
  /** Subgraph name → URL, overriding the URLs in the supergraph. */
  subgraphUrls: Record<string, string>;
  internalSecret: string;
  limits?: QueryLimits;
  authCacheMs?: number;
  logger?: Logger;
}

export interface GatewayContext {
  principal: Principal;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const UNAUTHENTICATED = {
  errors: [{ message: "Send Authorization: Bearer <partner API key or operator token>", extensions: { code: "UNAUTHENTICATED" } }],
};

/** Forwards the authenticated principal to subgraphs, signed with the internal secret. */
class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, private readonly secret: string) {
    super({ url });
  }

  override willSendRequest({ request, context }: { request: { http?: { headers: { set(k: string, v: string): void } } }; context: Partial<GatewayContext> }) {
    if (context.principal) request.http?.headers.set(PRINCIPAL_HEADER, signPrincipal(context.principal, this.secret, 60));
  }
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const urlOf = (name: string, fallback?: string) => options.subgraphUrls[name] ?? fallback!;
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => new SignedDataSource(urlOf(name, url), options.internalSecret),
  });
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    // The hub stops its parts itself, in order (gateway, subgraphs, database last), on SIGINT and SIGTERM.
    stopOnTerminationSignals: false,
    validationRules: queryLimitRules(options.limits ?? readQueryLimits()),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();
  const authenticator = new BearerAuthenticator(() => urlOf("partners"), options.internalSecret, options.authCacheMs);

  app.get("/health", (_req, res) => void res.json({ status: "ok" }));
  app.get("/ready", async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(options.subgraphUrls).map(async ([name, url]) => {
        const ok = await fetch(url.replace(/\/graphql$/, "/health")).then((r) => r.ok, () => false);
        return [name, ok ? "ok" : "unreachable"] as const;
      }),
    );
    const ready = checks.every(([, s]) => s === "ok");
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not ready", subgraphs: Object.fromEntries(checks) });
  });
  const authenticate: express.RequestHandler = async (req, res, next) => {
    try {
      const principal = await authenticator.authenticate(req.header("authorization"));
      if (!principal) return void res.status(401).json(UNAUTHENTICATED);
      res.locals.principal = principal;
      next();
    } catch (err) {
      options.logger?.error({ err }, "authentication failed");
      res.status(503).json({ errors: [{ message: "Authentication is unavailable", extensions: { code: "UNAVAILABLE" } }] });
    }
  };
  // File uploads stream through to the owning subgraph, never buffered here.
  app.post("/files/:subgraph/:kind", authenticate, async (req, res) => {
    const base = options.subgraphUrls[req.params.subgraph as string];
    if (!base) return void res.status(404).json({ errors: [{ message: `No subgraph ${req.params.subgraph}`, extensions: { code: "NOT_FOUND" } }] });
    const query = new URLSearchParams(req.query as Record<string, string>).toString();
    try {
      const upstream = await fetch(`${base.replace(/\/graphql$/, "")}/files/${req.params.kind}?${query}`, {
        method: "POST",
        headers: { "content-type": req.header("content-type") ?? "application/octet-stream", [PRINCIPAL_HEADER]: signPrincipal(res.locals.principal, options.internalSecret, 3600) },
        body: Readable.toWeb(req) as ReadableStream,
        duplex: "half",
      } as RequestInit);
      res.status(upstream.status).type("application/json").send(await upstream.text());
    } catch (err) {
      options.logger?.error({ err }, "upload proxy failed");
      res.status(502).json({ errors: [{ message: "The subgraph did not answer the upload", extensions: { code: "UNAVAILABLE" } }] });
    }
  });
  app.use(
    "/graphql",
    express.json({ limit: "20mb" }),
    authenticate,
    expressMiddleware(apollo, { context: async ({ res }) => ({ principal: res.locals.principal as Principal }) }),
  );

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host ?? "127.0.0.1", resolve));
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    stop: () => apollo.stop(),
  };
}
