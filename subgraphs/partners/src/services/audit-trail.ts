import type { EntityManager } from "typeorm";
import { describePrincipal, type Principal } from "@intersettle/shared";
import { AuditEntry, AuditedEntity } from "../entities";
import { changedFields } from "../domain/audit-diff";

export interface AuditedChange {
  entityType: AuditedEntity;
  entityId: string;
  partnerId: string | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Records a change in the caller's transaction, so the audit trail and the change commit together. */
export async function recordAudit(manager: EntityManager, principal: Principal, change: AuditedChange): Promise<void> {
  const entry = manager.create(AuditEntry, {
    ...change,
    actor: describePrincipal(principal),
    changedFields: changedFields(change.before, change.after),
  });
  await manager.save(entry);
}
