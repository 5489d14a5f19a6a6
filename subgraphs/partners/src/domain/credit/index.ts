export * from "./credit-figures";
export * from "./credit-standing";
export * from "./account-blocks";
export * from "./credit-intake";
export * from "./credit-ledger";
