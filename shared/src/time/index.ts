export * from "./timezone";
export * from "./periods";
