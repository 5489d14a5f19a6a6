export * from "./embedded-postgres";
export * from "./schema-data-source";
export * from "./secret-file";
export * from "./shared-logs";
export * from "./database-roles";
export * from "./hub-database";
export * from "./postgres-error";
