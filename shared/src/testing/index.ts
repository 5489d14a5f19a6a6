export * from "./test-database";
