import "reflect-metadata";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import type { GraphQLSchema } from "graphql";
import gql from "graphql-tag";
import { buildSchemaSync, createResolversMap, type NonEmptyArray } from "type-graphql";
import { principalAuthChecker } from "../auth/scope";
import { checkSubscriptionArgs, validateInput } from "./input-bounds";

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ResolverClass = Function;

/** `__resolveReference` per entity type name, usually backed by a request-scoped dataloader. */
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: any, context: any) => unknown }>;

export interface FederatedSchemaOptions {
  resolvers: NonEmptyArray<ResolverClass>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  referenceResolvers?: ReferenceResolvers;
}

/** Subscriptions read the shared event log through their `subscribe` option; an in-memory PubSub would lose events. */
const eventLogOnly = {
  publish: () => {
    throw new Error("Publish through the shared event log (appendEvent), not a PubSub");
  },
  subscribe: () => {
    throw new Error("Declare subscriptions with a `subscribe` option that streams the shared event log");
  },
};

const FEDERATION_LINK = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7",
    import: ["@key", "@shareable", "@inaccessible", "@external", "@requires", "@provides", "@override", "@tag", "@interfaceObject"])
`;

/** Builds a Federation 2 subgraph schema from type-graphql classes (entities declare `@Directive("@key(...)")`). */
export function buildFederatedSchema(options: FederatedSchemaOptions): GraphQLSchema {
  const schema = buildSchemaSync({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    authChecker: principalAuthChecker,
    // Input objects are checked against the bounds declared on their fields (input-bounds.ts).
    validateFn: validateInput,
    skipCheck: true,
    pubSub: eventLogOnly,
  });
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  checkSubscriptionArgs(resolvers, options.resolvers);
  for (const [typeName, reference] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...reference };
  }
  return buildSubgraphSchema({
    typeDefs: gql`${FEDERATION_LINK} ${printSchemaWithDirectives(schema)}`,
    resolvers: resolvers as never,
  });
}
