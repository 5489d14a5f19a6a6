import { AsyncLocalStorage } from "node:async_hooks";
import { RemoteGraphQLDataSource } from "@apollo/gateway";
import { GraphQLError } from "graphql";
import { currentRequest, graphqlAudience, PRINCIPAL_HEADER, REQUEST_ID_HEADER, type Principal } from "@intersettle/shared";
import { SignedPrincipals } from "./signed-principals";
import { subgraphFetch } from "./subgraph-fetch";

export interface GatewayContext {
  principal: Principal;
  requestId: string;
  /** Aborted when the operation's time limit is reached: subgraph fetches stop with it. */
  deadline: AbortSignal;
  timeoutMs: number;
}

/** The operation the query planner sends a subgraph for a mutation. */
const MUTATION = /^\s*mutation\b/;

/** Work done outside an HTTP request (the fields of a subscription event) runs its subgraph fetches under this deadline. */
export const fetchDeadline = new AsyncLocalStorage<AbortSignal>();

/**
 * Sends one subgraph its requests: the principal signed for that subgraph's /graphql only, the request id,
 * and the operation's deadline, which aborts the fetch.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly signatures: SignedPrincipals;

  constructor(
    url: string,
    subgraph: string,
    secret: string,
    /** Runs once each mutation sent to this subgraph has answered or failed, before the gateway answers its client. */
    private readonly afterMutation?: () => void,
  ) {
    super({
      url,
      fetcher: (input, init) => subgraphFetch(input, { ...init, signal: currentRequest()?.deadline ?? fetchDeadline.getStore() }),
    });
    this.signatures = new SignedPrincipals(secret, graphqlAudience(subgraph));
  }

  override async process(options: Parameters<RemoteGraphQLDataSource<GatewayContext>["process"]>[0]): ReturnType<RemoteGraphQLDataSource<GatewayContext>["process"]> {
    if (!this.afterMutation || !MUTATION.test(options.request.query ?? "")) return super.process(options);
    try {
      return await super.process(options);
    } finally {
      this.afterMutation();
    }
  }

  override willSendRequest({ request, context }: { request: { http?: { headers: { set(k: string, v: string): void } } }; context: Partial<GatewayContext> }) {
    if (context.principal) request.http?.headers.set(PRINCIPAL_HEADER, this.signatures.headerFor(context.principal));
    if (context.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }

  /**
   * A subgraph refuses arguments it cannot take (a Decimal longer than any amount) with HTTP 400 and a BAD_USER_INPUT
   * (or validation) error: that is the client's error, passed on as BAD_USER_INPUT, not an internal one.
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource<GatewayContext>["errorFromResponse"]>[0]): Promise<GraphQLError> {
    if (response.status === 400) {
      const body = (await response.clone().json().catch(() => undefined)) as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | undefined;
      // A literal the subgraph's own type refuses fails its validation: the same refusal, found earlier.
      const refusal = body?.errors?.find((e) => e.extensions?.code === "BAD_USER_INPUT" || e.extensions?.code === "GRAPHQL_VALIDATION_FAILED");
      if (refusal) return new GraphQLError(refusalMessage(refusal.message), { extensions: { code: "BAD_USER_INPUT", ...(refusal.extensions?.problems ? { problems: refusal.extensions.problems } : {}) } });
    }
    return super.errorFromResponse(response);
  }

  override didEncounterError(error: Error, _fetchRequest: unknown, _fetchResponse?: unknown, context?: GatewayContext): void {
    if (context?.deadline?.aborted) {
      throw new GraphQLError(`The operation did not finish within ${context.timeoutMs} ms and was stopped`, { extensions: { code: "OPERATION_TIMEOUT" } });
    }
    throw error;
  }
}

/** The subgraph's reason without the refused value, which may be anything the client sent: long quoted values elided. */
function refusalMessage(message: string): string {
  return message.replace(/"[^"]{40,}("|….*$)/s, '"…"').slice(0, 300);
}
