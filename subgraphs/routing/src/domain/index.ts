// The routing domain: pure, no database or GraphQL; the subgraph feeds it and serves its answers.
export * from "./route-types";
export { RoutingIndex, type RoutingIndexOptions, type LcrRow } from "./routing-index";
export { loadCard, type CardHeader } from "./loaded-card";
export { measureQuality } from "./route-quality";
