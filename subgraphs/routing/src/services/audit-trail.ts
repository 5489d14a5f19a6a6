import { AuditTrail } from "@intersettle/shared";

/** Routing's writer of the hub's one audit trail: routing plans set and ended. */
export const routingAudit = new AuditTrail("routing");
