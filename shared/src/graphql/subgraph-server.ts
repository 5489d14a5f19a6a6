import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import type { GraphQLSchema } from "graphql";
import { WebSocketServer } from "ws";
import { useServer } from "graphql-ws/use/ws";
import { PRINCIPAL_HEADER, verifyPrincipal } from "../auth/signed-principal";
import type { Principal } from "../auth/principal";
import type { Logger } from "../logger";

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
}

/** Handles one uploaded file: `body` streams the request, `params` are its query parameters. */
export type FileUploadHandler = (principal: Principal, body: NodeJS.ReadableStream & import("node:stream").Readable, params: Record<string, string>) => Promise<unknown>;

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const UNSIGNED = { errors: [{ message: "Missing or invalid signed principal", extensions: { code: "UNAUTHENTICATED" } }] };

/** Serves a subgraph over HTTP (POST /graphql) and graphql-ws (same path); `/health` is open. */
export async function serveSubgraph<C extends object>(options: SubgraphServerOptions<C>, port: number): Promise<RunningServer> {
  const app = express();
  const httpServer = http.createServer(app);
  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql" });
  const wsCleanup = useServer<Record<string, unknown>, { principal?: Principal }>(
    {
      schema: options.schema,
      onConnect: (ctx) => {
        const header = ctx.connectionParams?.[PRINCIPAL_HEADER];
        const principal = verifyPrincipal(typeof header === "string" ? header : undefined, options.secret);
        if (!principal) return false;
        ctx.extra.principal = principal;
        return true;
      },
      context: (ctx) => options.createContext(ctx.extra.principal!),
    },
    wsServer,
  );
  const apollo = new ApolloServer<C>({
    schema: options.schema,
    introspection: true,
    // The hub stops its parts itself, in order (gateway, subgraphs, database last), on SIGINT and SIGTERM.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      { serverWillStart: async () => ({ drainServer: async () => void (await wsCleanup.dispose()) }) },
    ],
  });
  await apollo.start();
  app.get("/health", (_req, res) => void res.json({ status: "ok", subgraph: options.name }));
  for (const [kind, handler] of Object.entries(options.fileRoutes ?? {})) {
    app.post(`/files/${kind}`, async (req, res) => {
      const principal = verifyPrincipal(req.header(PRINCIPAL_HEADER), options.secret);
      if (!principal) return void res.status(401).json(UNSIGNED);
      try {
        res.json({ data: await handler(principal, req, Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, String(v)]))) });
      } catch (err) {
        req.resume();
        const gql = err as { message: string; extensions?: { code?: string } };
        const code = gql.extensions?.code;
        const status = code === "BAD_USER_INPUT" ? 400 : code === "UNAUTHENTICATED" ? 401 : code === "FORBIDDEN" ? 403 : code === "NOT_FOUND" ? 404 : code === "CONFLICT" ? 409 : 500;
        if (status === 500) options.logger?.error({ err }, `upload to /files/${kind} failed`);
        res.status(status).json({ errors: [{ message: gql.message, extensions: gql.extensions ?? { code: "INTERNAL_SERVER_ERROR" } }] });
      }
    });
  }
  app.use(
    "/graphql",
    express.json({ limit: "20mb" }),
    (req, res, next) => {
      const principal = verifyPrincipal(req.header(PRINCIPAL_HEADER), options.secret);
      if (!principal) return void res.status(401).json(UNSIGNED);
      res.locals.principal = principal;
      next();
    },
    expressMiddleware(apollo, { context: async ({ res }) => options.createContext(res.locals.principal as Principal) }),
  );
  await new Promise<void>((resolve) => httpServer.listen(port, options.host ?? "127.0.0.1", resolve));
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
