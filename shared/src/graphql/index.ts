export * from "./federated-schema";
export * from "./connection";
export * from "./input-bounds";
export * from "./subgraph-server";
export * from "./file-downloads";
export * from "./subgraph-runtime";
export * from "./error-masking";
export * from "./request-scope";
