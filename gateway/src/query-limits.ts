import type { GraphQLError, ValidationContext, ValidationRule } from "graphql";
import { costLimitRule } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
}

export function readQueryLimits(env: NodeJS.ProcessEnv = process.env): QueryLimits {
  return {
    maxDepth: Number(env.INTERSETTLE_MAX_DEPTH || 12),
    maxAliases: Number(env.INTERSETTLE_MAX_ALIASES || 30),
    maxCost: Number(env.INTERSETTLE_MAX_COST || 20000),
  };
}

/** Rejects abusive queries before they are planned: too deep, too many aliases, or too costly. */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  // Reported as validation errors (GRAPHQL_VALIDATION_FAILED), not thrown, which Apollo would turn into a 500.
  const report = { propagateOnRejection: false, onReject: [(ctx: ValidationContext | null, err: GraphQLError) => ctx?.reportError(err)] };
  return [
    maxDepthRule({ n: limits.maxDepth, exposeLimits: true, ...report }),
    maxAliasesRule({ n: limits.maxAliases, exposeLimits: true, ...report }),
    costLimitRule({ maxCost: limits.maxCost, exposeLimits: true, ...report }),
  ] as unknown as ValidationRule[];
}
