export * from "./claim-layout";
export * from "./claim-numbers";
export * from "./claim-period";
export * from "./claimed-line";
export * from "./claimed-call";
