export * from "./claim-layout.entity";
export * from "./claim.entity";
export * from "./claim-line.entity";
export * from "./claim-rejection.entity";
