export * from "./timezone";
export * from "./periods";
export * from "./billing-cycles";
export * from "./record-time";
