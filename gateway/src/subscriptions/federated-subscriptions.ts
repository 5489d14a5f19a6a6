import type { ServiceMap } from "@apollo/gateway";
import { GraphQLError, type ExecutionArgs, type ExecutionResult } from "graphql";
import type { Logger, Principal } from "@intersettle/shared";
import { EventResolution, positionOf, type Subscriber } from "./event-resolution";
import { SubscriberFeed } from "./subscriber-feed";
import { AFTER_VARIABLE, type SubscriptionPlan, type SupergraphPlanner } from "./subscription-plan";
import { subscriptionClients, upstreamStreams } from "./subscription-metrics";
import { UpstreamStream, type UpstreamSettings } from "./upstream-stream";

export interface FederatedSubscriptionOptions {
  graph: SupergraphPlanner;
  /** The gateway's data sources, by subgraph: the rest of each event is fetched through them. */
  services: () => ServiceMap;
  /** A subgraph's http(s) GraphQL URL; its WebSocket endpoint is the same path. */
  subgraphUrl: (name: string) => string;
  secret: string;
  upstream: UpstreamSettings;
  /** Events a client may fall behind before its subscription is ended. */
  maxPending: number;
  /** Time to complete one event's remaining fields. */
  timeoutMs: number;
  logger?: Logger;
}

/** What a subscription operation runs with: set by the WebSocket server when the connection authenticated. */
export interface SubscriberContext {
  principal: Principal;
  requestId: string;
  /** The operation's text as sent, which identifies its plan. */
  query: string;
}

/**
 * Runs subscription operations across the federated graph. Each is planned (primary fetch on the owning subgraph,
 * `rest` elsewhere); clients whose primary fetch, variables and principal scope are the same share one upstream
 * stream, and each client's events are completed with its own selection and as its own principal.
 *
 * A client that gives `after:` gets a stream of its own from that position (it cannot join a live stream, which is
 * elsewhere in the log); it stays on it after catching up. Clients without `after:` start "now", on the shared stream.
 */
export class FederatedSubscriptions {
  private readonly shared = new Map<string, UpstreamStream>();
  private readonly active = new Set<UpstreamStream>();
  private readonly resolution: EventResolution;

  constructor(private readonly options: FederatedSubscriptionOptions) {
    this.resolution = new EventResolution(options.graph, options.services, options.timeoutMs, options.logger);
  }

  subscribe(args: ExecutionArgs): ExecutionResult | AsyncIterableIterator<ExecutionResult> {
    const { principal, requestId, query } = args.contextValue as SubscriberContext;
    let plan: SubscriptionPlan;
    try {
      plan = this.options.graph.plan(query, args.document, args.operationName ?? undefined);
    } catch (err) {
      return { errors: [err instanceof GraphQLError ? err : new GraphQLError(`The subscription cannot be planned: ${(err as Error).message}`, { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } })] };
    }
    const variables = { ...(args.variableValues ?? {}) } as Record<string, unknown>;
    const after = plan.clientAfter(variables);
    const upstreamVariables = Object.fromEntries(plan.upstreamVariables.filter((v) => v in variables).map((v) => [v, variables[v]]));
    const key = after === null ? JSON.stringify([plan.subgraph, scopeOf(principal), plan.upstreamQuery, upstreamVariables]) : undefined;
    const subscriber: Subscriber = { principal, requestId, variables: { ...variables, [AFTER_VARIABLE]: null } };
    const stream = (key && this.shared.get(key)) || this.openStream(key, plan, upstreamVariables, after, principal);
    const feed: SubscriberFeed = new SubscriberFeed(
      after,
      (event) => this.resolution.resolve(plan, event, subscriber),
      (event) => positionOf(plan, event),
      this.options.maxPending,
      () => {
        subscriptionClients.dec();
        if (stream.remove(feed) === 0) this.release(key, stream);
      },
    );
    subscriptionClients.inc();
    stream.add(feed);
    return feed;
  }

  /** Closes every upstream subscription (the gateway is stopping). */
  closeAll(): void {
    for (const stream of [...this.active]) this.release(undefined, stream);
    this.shared.clear();
  }

  private openStream(key: string | undefined, plan: SubscriptionPlan, variables: Record<string, unknown>, after: string | null, principal: Principal): UpstreamStream {
    const stream: UpstreamStream = new UpstreamStream(
      {
        subgraph: plan.subgraph,
        url: this.options.subgraphUrl(plan.subgraph).replace(/^http/, "ws"),
        query: plan.upstreamQuery,
        variables,
        resume: plan.resumable ? { variable: AFTER_VARIABLE, after, positionOf: (event) => positionOf(plan, event) } : undefined,
        // The first subscriber's principal: every client sharing the stream has the same scope (see scopeOf).
        principal,
        secret: this.options.secret,
      },
      this.options.upstream,
      () => this.release(key, stream),
      this.options.logger,
    );
    if (key) this.shared.set(key, stream);
    this.active.add(stream);
    upstreamStreams.inc({ subgraph: plan.subgraph });
    return stream;
  }

  private release(key: string | undefined, stream: UpstreamStream): void {
    stream.close();
    if (key && this.shared.get(key) === stream) this.shared.delete(key);
    if (this.active.delete(stream)) upstreamStreams.dec({ subgraph: stream.subgraph });
  }
}

/**
 * Whose events a stream may carry: a partner's streams are shared with the same partner only; operators' with
 * operators holding the same roles.
 */
export function scopeOf(principal: Principal): string {
  switch (principal.kind) {
    case "partner":
      return `partner:${principal.partnerId}`;
    case "operator":
      return `operator:${[...principal.roles].sort().join(",")}`;
    case "service":
      return `service:${principal.service}`;
  }
}
