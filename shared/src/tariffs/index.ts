// The tariff engine: how a card prices usage, which card a partner's plan chooses, and exchange between
// currencies. Rating prices calls with it and routing ranks vendors with it, so both give the same answer.
export * from "./prefix-index";
export * from "./time-band";
export * from "./rate-plan";
export * from "./billing-increment";
export * from "./rate-call";
export * from "./fx";
export * from "./price-plan";
export * from "./tariff-export";
export * from "./plan-agreements";
