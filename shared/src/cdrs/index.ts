export * from "./cdr-format";
export * from "./cdr-record";
export * from "./cdr-values";
export * from "./number-normalization";
export * from "./channel-trunk";
