import { AuditTrail } from "@intersettle/shared";

/** Invoicing's writer of the hub's one audit trail: billing runs, invoice approval, issue and voiding, payments. */
export const invoicingAudit = new AuditTrail("invoicing");
