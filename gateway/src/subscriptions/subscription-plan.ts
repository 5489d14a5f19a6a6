import {
  getNamedType,
  getOperationAST,
  GraphQLError,
  isObjectType,
  Kind,
  parseType,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from "graphql";
import { operationFromDocument, Supergraph, type Schema } from "@apollo/federation-internals";
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from "@apollo/query-planner";
import { buildOperationContext } from "@apollo/gateway";

type OperationContext = ReturnType<typeof buildOperationContext>;

/** The variable through which the gateway sets a resumable field's `after`, whatever the client wrote. */
export const AFTER_VARIABLE = "gatewayResumeAfter";
/** The alias under which the gateway always selects `position`, to resume from; never shown to the client. */
export const POSITION_ALIAS = "gatewayResumePosition";
/** The service name of a per-event plan's first fetch: answered by the event itself, never sent anywhere. */
export const EVENT_SOURCE = "__subscription_event__";

/** How one subscription operation runs: opened on the owning subgraph, then each event completed across the graph. */
export interface SubscriptionPlan {
  /** Identifies the operation (document and name), for caches. */
  id: string;
  subgraph: string;
  /** The operation opened on the owning subgraph: unnamed, so clients that differ only in names share it. */
  upstreamQuery: string;
  /** Client variables the upstream operation uses (the gateway's AFTER_VARIABLE aside). */
  upstreamVariables: string[];
  /** The response key of the subscription field in every event. */
  responseKey: string;
  /** True when the field takes `after` and its events carry `position`: drops are resumed without gap or repeat. */
  resumable: boolean;
  /** The client's own `after`, taken out of the operation, given its variables. */
  clientAfter(variables: Record<string, unknown>): string | null;
  /** The primary fetch answered by the event, then the planner's `rest`. */
  eventPlan: QueryPlan;
  operationContext: OperationContext;
}

/** The composed graph as the subscription planner and the per-event execution need it. */
export class SupergraphPlanner {
  readonly apiSchema: Schema;
  /** The public schema: what clients' operations are validated against. */
  readonly schema: GraphQLSchema;
  readonly supergraphSchema: GraphQLSchema;
  private readonly planner: QueryPlanner;
  private readonly plans = new Map<string, SubscriptionPlan>();

  constructor(supergraphSdl: string, private readonly maxPlans = 500) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.apiSchema = supergraph.apiSchema();
    this.schema = this.apiSchema.toGraphQLJSSchema();
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(supergraph);
  }

  /** The plan of a validated subscription operation; throws a GraphQLError for one the gateway cannot run. */
  plan(query: string, document: DocumentNode, operationName: string | undefined): SubscriptionPlan {
    const id = `${operationName ?? ""}\n${query}`;
    const cached = this.plans.get(id);
    if (cached) return cached;
    const plan = this.build(id, document, operationName);
    // Oldest first out: a Map keeps insertion order.
    if (this.plans.size >= this.maxPlans) this.plans.delete(this.plans.keys().next().value!);
    this.plans.set(id, plan);
    return plan;
  }

  private build(id: string, document: DocumentNode, operationName: string | undefined): SubscriptionPlan {
    if (id.includes(AFTER_VARIABLE) || id.includes(POSITION_ALIAS)) {
      throw new GraphQLError(`${AFTER_VARIABLE} and ${POSITION_ALIAS} are reserved names`, { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    }
    const rewritten = withResumeCursor(this.schema, document, operationName);
    const operation = operationFromDocument(this.apiSchema, rewritten.document, { operationName, validate: false });
    const node = this.planner.buildQueryPlan(operation).node;
    if (node?.kind !== "Subscription") throw new GraphQLError("Only subscriptions are planned here", { extensions: { code: "BAD_REQUEST" } });
    const { primary, rest } = node;
    const eventFetch: FetchNode = { ...primary, serviceName: EVENT_SOURCE };
    const eventNode: PlanNode = rest ? { kind: "Sequence", nodes: [eventFetch, rest] } : eventFetch;
    return {
      id,
      subgraph: primary.serviceName,
      upstreamQuery: primary.operation.replace(/^subscription\s+[_A-Za-z][_0-9A-Za-z]*/, "subscription"),
      upstreamVariables: (primary.variableUsages ?? []).filter((v) => v !== AFTER_VARIABLE),
      responseKey: rewritten.responseKey,
      resumable: rewritten.resumable,
      clientAfter: rewritten.clientAfter,
      eventPlan: { kind: "QueryPlan", node: eventNode },
      operationContext: buildOperationContext({ schema: this.schema, operationDocument: rewritten.document, operationName }),
    };
  }
}

interface Rewritten {
  document: DocumentNode;
  responseKey: string;
  resumable: boolean;
  clientAfter(variables: Record<string, unknown>): string | null;
}

/**
 * For a field with an `after` argument whose events carry `position`: `after` becomes the gateway's variable (the
 * client's value is kept to start from) and `position` is selected under the gateway's alias, so that the gateway
 * can reopen the stream after the last event it delivered.
 */
export function withResumeCursor(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): Rewritten {
  const operation = getOperationAST(document, operationName);
  const root = operation?.selectionSet.selections.length === 1 ? operation.selectionSet.selections[0] : undefined;
  if (!operation || root?.kind !== Kind.FIELD) throw new GraphQLError("A subscription selects exactly one field, directly", { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
  const responseKey = root.alias?.value ?? root.name.value;
  const field = schema.getSubscriptionType()?.getFields()[root.name.value];
  const afterArg = field?.args.find((a) => a.name === "after");
  const type = field && getNamedType(field.type);
  const resumable = !!afterArg && isObjectType(type) && "position" in type.getFields() && !!root.selectionSet;
  if (!resumable) return { document, responseKey, resumable, clientAfter: () => null };
  const given: ValueNode | undefined = root.arguments?.find((a) => a.name.value === "after")?.value;
  const variable = { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: AFTER_VARIABLE } } as const;
  const rewrittenRoot: FieldNode = {
    ...root,
    arguments: [...(root.arguments ?? []).filter((a) => a.name.value !== "after"), { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: "after" }, value: variable }],
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: [...root.selectionSet!.selections, { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: POSITION_ALIAS }, name: { kind: Kind.NAME, value: "position" } }],
    },
  };
  const rewrittenOperation: OperationDefinitionNode = {
    ...operation,
    variableDefinitions: [...(operation.variableDefinitions ?? []), { kind: Kind.VARIABLE_DEFINITION, variable, type: parseType(String(afterArg.type)) }],
    selectionSet: { kind: Kind.SELECTION_SET, selections: [rewrittenRoot] },
  };
  return {
    document: { ...document, definitions: document.definitions.map((d) => (d === operation ? rewrittenOperation : d)) },
    responseKey,
    resumable,
    clientAfter: (variables) => {
      const value = given ? valueFromAST(given, afterArg.type, variables) : undefined;
      return value === undefined || value === null ? null : String(value);
    },
  };
}
