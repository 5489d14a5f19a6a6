import { AuditTrail } from "@intersettle/shared";

/** Rating's writer of the hub's one audit trail: every change to cards, decks, layouts, FX, sources, mappings and jobs. */
export const ratingAudit = new AuditTrail("rating");

/** Plain JSON of a record as audit entries keep it (dates as ISO text, decimals as exact strings). */
export function auditSnapshot(record: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(record));
}
