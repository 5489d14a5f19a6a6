export * from "./billing/billing-cycle";
