import type { EntityManager } from "typeorm";
import { AuditTrail, type AuditedChange, type Principal } from "@intersettle/shared";

const trail = new AuditTrail("partners");

/** Records a partners change in the hub's one audit trail, inside the caller's transaction. */
export function recordAudit(manager: EntityManager, principal: Principal, change: AuditedChange): Promise<void> {
  return trail.record(manager, principal, change);
}
