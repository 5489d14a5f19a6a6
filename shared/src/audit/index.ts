export * from "./audit-log";
export * from "./audited-entity";
export * from "./changed-fields";
