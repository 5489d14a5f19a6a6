export * from "./federated-schema";
export * from "./connection";
export * from "./subgraph-server";
