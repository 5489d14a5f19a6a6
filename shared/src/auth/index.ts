export * from "./principal";
export * from "./signed-principal";
export * from "./verified-principals";
export * from "./secrets";
export * from "./scope";
export * from "./partner-scope";
