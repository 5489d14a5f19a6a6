import { GraphQLError, type GraphQLError as GraphQLErrorType, type ValidationContext, type ValidationRule } from "graphql";
import type { ApolloServerPlugin } from "@apollo/server";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { costLimitMessage, OperationCosts } from "./query-cost";

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  /** Tokens of a query document, counted while parsing: a larger document is refused before it is built. */
  maxTokens: number;
  /** Bytes of a /graphql request body. */
  maxBodyBytes: number;
  /** Time an operation may take, subgraph fetches included, before it is stopped. */
  operationTimeoutMs: number;
}

export function readQueryLimits(env: NodeJS.ProcessEnv = process.env): QueryLimits {
  return {
    maxDepth: Number(env.INTERSETTLE_MAX_DEPTH || 12),
    maxAliases: Number(env.INTERSETTLE_MAX_ALIASES || 30),
    maxCost: Number(env.INTERSETTLE_MAX_COST || 20000),
    maxTokens: Number(env.INTERSETTLE_MAX_TOKENS || 5000),
    maxBodyBytes: Number(env.INTERSETTLE_MAX_BODY_KB || 256) * 1024,
    operationTimeoutMs: Number(env.INTERSETTLE_OPERATION_TIMEOUT_MS || 30000),
  };
}

/** Rejects abusive queries before they are planned: too deep or too many aliases. */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  // Reported as validation errors (GRAPHQL_VALIDATION_FAILED), not thrown, which Apollo would turn into a 500.
  const report = { propagateOnRejection: false, onReject: [(ctx: ValidationContext | null, err: GraphQLErrorType) => ctx?.reportError(err)] };
  return [maxDepthRule({ n: limits.maxDepth, exposeLimits: true, ...report }), maxAliasesRule({ n: limits.maxAliases, exposeLimits: true, ...report })] as unknown as ValidationRule[];
}

/**
 * The cost limit runs once the operation is resolved, when the request's variables are known, so that
 * `first: $n` counts as what it asks for; it is still before any subgraph is asked anything.
 */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin {
  const costs = new OperationCosts();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const over = costs.of(schema, document, request.variables ?? {}).find(([, cost]) => cost > maxCost);
          if (over) throw new GraphQLError(costLimitMessage(maxCost, over[1]), { nodes: [over[0]], extensions: { code: "GRAPHQL_VALIDATION_FAILED", http: { status: 400 } } });
        },
      };
    },
  };
}
