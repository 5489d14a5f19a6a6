/**
 * The invoicing subgraph (issue 13) is being built domain first: pure invoice generation, netting, payment
 * allocation and aging in `domain/`, with the subgraph runtime, entities, services and resolvers to follow.
 */
export * from "./domain";
