import type http from "node:http";
import { randomUUID } from "node:crypto";
import { getOperationAST, GraphQLError, parse, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from "graphql";
import { WebSocketServer, type WebSocket } from "ws";
import { useServer } from "graphql-ws/use/ws";
import { devErrors, maskError, type Logger, type Principal } from "@intersettle/shared";
import { AuthenticationThrottled, type BearerAuthenticator } from "../bearer-authenticator";
import { queryLimitRules, type QueryLimits } from "../query-limits";
import { costLimitRule } from "../query-cost";
import type { FederatedSubscriptions, SubscriberContext } from "./federated-subscriptions";

export interface SocketSettings {
  /** Ping interval to each client; a client that does not answer within one interval is dropped. */
  keepAliveMs: number;
  /** Operations one connection may run at once. */
  maxOperations: number;
  /** How often a connection's key or token is checked again: a revoked one ends the connection. */
  reauthenticateMs: number;
}

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  schema: GraphQLSchema;
  subscriptions: FederatedSubscriptions;
  authenticator: BearerAuthenticator;
  /** The client's address, as HTTP requests name it (trusted proxies applied). */
  clientAddress: (request: http.IncomingMessage) => string | undefined;
  limits: QueryLimits;
  settings: SocketSettings;
  /** Runs a query or mutation sent over the socket through the same server as HTTP ones. */
  execute: (args: ExecutionArgs & { contextValue: SubscriberContext }) => Promise<ExecutionResult>;
  logger?: Logger;
}

interface Connection {
  principal?: Principal;
  recheck?: NodeJS.Timeout;
}

/** Close codes of refused connections (graphql-ws's own for 4401 and 4403). */
export const CLOSE = { UNAUTHORIZED: 4401, FORBIDDEN: 4403, THROTTLED: 4429, TRY_AGAIN_LATER: 1013 } as const;

/**
 * graphql-ws on the gateway's HTTP server (path /graphql, same port). A connection authenticates once, on
 * `connection_init` with `{ authorization: "Bearer …" }`, like an HTTP request; every operation is held to the
 * HTTP limits (tokens, depth, aliases, cost). Subscriptions run across the federated graph; queries and mutations
 * go through the HTTP pipeline.
 */
export function serveSubscriptions(options: SubscriptionServerOptions): { dispose(): Promise<void> } {
  const { limits, settings, logger } = options;
  const wsServer = new WebSocketServer({ server: options.httpServer, path: "/graphql", maxPayload: limits.maxBodyBytes });
  const mask = (errors: readonly GraphQLError[]) => errors.map((err) => maskError(err.toJSON(), err, logger));

  /** The principal, or the close code and reason that refuse the connection. */
  const authenticate = async (request: http.IncomingMessage, authorization: string | undefined): Promise<Principal | { code: number; reason: string }> => {
    try {
      const principal = await options.authenticator.authenticate(authorization, options.clientAddress(request));
      if (principal) return principal;
      return authorization
        ? { code: CLOSE.FORBIDDEN, reason: "Forbidden: unknown, revoked or expired key or token" }
        : { code: CLOSE.UNAUTHORIZED, reason: 'Unauthorized: send { "authorization": "Bearer <key or token>" }' };
    } catch (err) {
      if (err instanceof AuthenticationThrottled) return { code: CLOSE.THROTTLED, reason: err.message };
      logger?.error({ err }, "authentication failed");
      return { code: CLOSE.TRY_AGAIN_LATER, reason: "Authentication is unavailable" };
    }
  };

  const disposable = useServer<Record<string, unknown>, { connection: Connection }>(
    {
      isProd: !devErrors(),
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const given = params.authorization ?? params.Authorization;
        const authorization = typeof given === "string" ? given : undefined;
        const { socket, request } = ctx.extra;
        const principal = await authenticate(request, authorization);
        if ("code" in principal) {
          socket.close(principal.code, principal.reason);
          return false;
        }
        const connection: Connection = { principal };
        if (settings.reauthenticateMs > 0) {
          // Only a definite refusal ends the connection: a partners subgraph briefly away must not.
          const recheck = async () => {
            const again = await authenticate(request, authorization);
            if ("code" in again && again.code === CLOSE.FORBIDDEN) socket.close(again.code, "Forbidden: the key or token is no longer valid");
          };
          connection.recheck = setInterval(() => void recheck(), settings.reauthenticateMs);
          connection.recheck.unref();
        }
        ctx.extra.connection = connection;
        return true;
      },
      onClose: (ctx) => clearInterval(ctx.extra.connection?.recheck),
      onSubscribe: (ctx, _id, payload) => {
        const principal = ctx.extra.connection?.principal;
        if (!principal) return [new GraphQLError("Not authenticated", { extensions: { code: "UNAUTHENTICATED" } })];
        if (Object.keys(ctx.subscriptions).length > settings.maxOperations) {
          return [new GraphQLError(`At most ${settings.maxOperations} operations may run at once on one connection`, { extensions: { code: "TOO_MANY_REQUESTS" } })];
        }
        const variables = payload.variables ?? {};
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: limits.maxTokens });
        } catch (err) {
          return [new GraphQLError((err as Error).message, { extensions: { code: "GRAPHQL_PARSE_FAILED" } })];
        }
        const rules = [...specifiedRules, ...queryLimitRules(limits), costLimitRule(limits.maxCost, variables)];
        const errors = validate(options.schema, document, rules);
        if (errors.length) return errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { ...e.extensions, code: "GRAPHQL_VALIDATION_FAILED" } }));
        if (!getOperationAST(document, payload.operationName)) return [new GraphQLError("Name the operation to run", { extensions: { code: "OPERATION_RESOLUTION_FAILURE" } })];
        const contextValue: SubscriberContext = { principal, requestId: randomUUID(), query: payload.query };
        return { schema: options.schema, document, operationName: payload.operationName, variableValues: variables, contextValue };
      },
      subscribe: (args) => options.subscriptions.subscribe(args),
      execute: (args) => options.execute(args as ExecutionArgs & { contextValue: SubscriberContext }),
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: mask(result.errors as GraphQLError[]) } : undefined),
      onError: (_ctx, _id, _payload, errors) => mask(errors),
    },
    wsServer,
    settings.keepAliveMs,
  );
  return { dispose: async () => void (await disposable.dispose()) };
}
