import { AuditTrail } from "@intersettle/shared";

/** Rating's writer of the hub's one audit trail: every change to cards, decks, layouts, FX, sources, mappings and jobs. */
export const ratingAudit = new AuditTrail("rating");
