export * from "./embedded-postgres";
export * from "./schema-data-source";
export * from "./hub-database";
