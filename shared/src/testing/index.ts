export * from "./test-database";
export * from "./graphql-request";
