import Decimal from "decimal.js";

// 40 significant digits: per-second prices such as 0.0125/60 keep far more precision than any currency needs.
Decimal.set({ precision: 40 });

export { Decimal };
export * from "./currency";
export * from "./rounding";
export * from "./decimal-scalar";
