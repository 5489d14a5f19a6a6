export * from "./transaction-layout";
export * from "./content-amount";
export * from "./content-record";
