import type { ApolloServer } from "@apollo/server";
import { GraphQLError, type ExecutionArgs, type ExecutionResult } from "graphql";
import { fetchDeadline, type GatewayContext } from "../subgraph-data-source";
import type { SubscriberContext } from "./federated-subscriptions";

/**
 * Runs a query or mutation sent over a WebSocket through the gateway's Apollo server, as an HTTP request would run:
 * its validation, cost limit, time limit and error masking, as the connection's principal.
 */
export function throughApollo(apollo: ApolloServer<GatewayContext>, timeoutMs: number) {
  return async ({ document, variableValues, operationName, contextValue }: ExecutionArgs & { contextValue: SubscriberContext }): Promise<ExecutionResult> => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const context: GatewayContext = { principal: contextValue.principal, requestId: contextValue.requestId, deadline, timeoutMs };
    const response = await fetchDeadline.run(deadline, () =>
      apollo.executeOperation({ query: document, variables: variableValues as Record<string, unknown>, operationName: operationName ?? undefined }, { contextValue: context }),
    );
    const single = response.body.kind === "single" ? response.body.singleResult : response.body.initialResult;
    // Already masked by the server's formatError; made errors again for the socket, which masks (idempotently) once more.
    const errors = single.errors?.map((e) => new GraphQLError(e.message, { path: e.path, extensions: e.extensions }));
    return { data: single.data, ...(errors ? { errors } : {}) } as ExecutionResult;
  };
}
