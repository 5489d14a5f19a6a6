export * from "./csv-blocks";
export * from "./csv-record-finder";
export * from "./csv-records";
export * from "./physical-lines";
export * from "./text-file";
export * from "./record-values";
export * from "./xlsx-rows";
export * from "./rated-calls-export";
