export * from "./event-log";
export * from "./wakeups";
export * from "./event-stream";
export * from "./event-consumer";
export * from "./partner-payloads";
