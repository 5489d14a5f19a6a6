export * from "./hub";
export * from "./gateway-server";
export * from "./supergraph";
export * from "./subgraph-catalog";
