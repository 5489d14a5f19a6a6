export * from "./dispute-lifecycle";
export * from "./dispute-settlement";
export * from "./dispute-reminders";
export * from "./dispute-reports";
