import { AuditTrail } from "@intersettle/shared";

/** Revenue share's writer of the hub's one audit trail: services, agreements, statement runs and statements. */
export const revshareAudit = new AuditTrail("revenue-share");
