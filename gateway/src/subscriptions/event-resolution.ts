import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from "@apollo/gateway";
import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from "graphql";
import type { Logger, Principal } from "@intersettle/shared";
import { fetchDeadline, type GatewayContext } from "../subgraph-data-source";
import { EVENT_SOURCE, POSITION_ALIAS, type SubscriptionPlan, type SupergraphPlanner } from "./subscription-plan";

/** One event as the owning subgraph sent it: the primary fetch's answer. */
export interface UpstreamEvent {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

/** Who receives an event, and with which variables: the rest of the event is fetched as this subscriber. */
export interface Subscriber {
  principal: Principal;
  requestId: string;
  variables: Record<string, unknown>;
}

/**
 * Completes each event across the graph: the per-event plan's first fetch is answered by the event, the planner's
 * `rest` is fetched from the other subgraphs as the subscriber, and the answer is shaped to the client's selection.
 * Subscribers with the same operation, variables and principal share one resolution of an event.
 */
export class EventResolution {
  private readonly shared = new WeakMap<UpstreamEvent, Map<string, Promise<ExecutionResult>>>();

  constructor(
    private readonly graph: SupergraphPlanner,
    private readonly services: () => ServiceMap,
    private readonly timeoutMs: number,
    private readonly logger?: Logger,
  ) {}

  resolve(plan: SubscriptionPlan, event: UpstreamEvent, subscriber: Subscriber): Promise<ExecutionResult> {
    const key = `${plan.id}\n${JSON.stringify(subscriber.variables)}\n${JSON.stringify(subscriber.principal)}`;
    let byKey = this.shared.get(event);
    if (!byKey) this.shared.set(event, (byKey = new Map()));
    let result = byKey.get(key);
    if (!result) byKey.set(key, (result = this.execute(plan, event, subscriber)));
    return result;
  }

  private async execute(plan: SubscriptionPlan, event: UpstreamEvent, subscriber: Subscriber): Promise<ExecutionResult> {
    // Each resolution merges into its own copy: the event is shared by every subscriber of the stream.
    const answer: GraphQLDataSource = { process: async () => structuredClone(event) as Awaited<ReturnType<GraphQLDataSource["process"]>> };
    const deadline = AbortSignal.timeout(this.timeoutMs);
    const context: GatewayContext = { principal: subscriber.principal, requestId: subscriber.requestId, deadline, timeoutMs: this.timeoutMs };
    // The parts of a request context that plan execution reads.
    const requestContext = {
      request: { variables: subscriber.variables },
      context,
      logger: this.logger ?? console,
      metrics: {},
    } as unknown as Parameters<typeof executeQueryPlan>[2];
    try {
      const result = await fetchDeadline.run(deadline, () =>
        executeQueryPlan(plan.eventPlan, { ...this.services(), [EVENT_SOURCE]: answer }, requestContext, plan.operationContext, this.graph.supergraphSchema, this.graph.apiSchema),
      );
      const value = result.data?.[plan.responseKey] as Record<string, unknown> | null | undefined;
      if (value && typeof value === "object") delete value[POSITION_ALIAS];
      return { data: result.data as ExecutionResult["data"], ...(result.errors?.length ? { errors: result.errors as GraphQLError[] } : {}) };
    } catch (err) {
      return { data: null, errors: [err instanceof GraphQLError ? err : new GraphQLError("The event could not be completed", { originalError: err as Error })] };
    }
  }
}

/** The position an event of a resumable plan carries, to resume after. */
export function positionOf(plan: SubscriptionPlan, event: UpstreamEvent): string | undefined {
  const value = event.data?.[plan.responseKey] as Record<string, unknown> | null | undefined;
  const position = value?.[POSITION_ALIAS];
  return typeof position === "string" ? position : undefined;
}
