export { default as Decimal } from "decimal.js";
export * from "./currency";
export * from "./rounding";
export * from "./decimal-scalar";
