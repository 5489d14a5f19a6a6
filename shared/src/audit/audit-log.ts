import type { SharedLog } from "../db/shared-logs";
import { describePrincipal, type Principal } from "../auth/principal";
import type { SqlExecutor } from "../events/event-log";
import { changedFields } from "./changed-fields";
import type { AuditedEntity } from "./audited-entity";

/** One change to record: the record before and after it, as plain JSON snapshots (null when created or deleted). */
export interface AuditedChange {
  entityType: AuditedEntity;
  entityId: string;
  /**
   * The partner whose own record this is, so that partner can read the entry. Null for records that are the hub's
   * business alone (sources, trunk mappings, re-rating, exchange rates), which only operators read.
   */
  partnerId: string | null;
  /** What happened, e.g. `rate_card.updated`. */
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * The one audit trail of the hub, shared by every subgraph like the event log: append-only rows in schema `audit`,
 * written in the transaction of the change they record and read through partners' `auditTrail` query. The database
 * set-up creates it and lets every subgraph role read and append, never change, its rows.
 */
export const AUDIT_LOG: SharedLog = {
  schema: "audit",
  tables: ["entry"],
  ddl: `
    CREATE TABLE IF NOT EXISTS audit.entry (
      id             bigserial PRIMARY KEY,
      subgraph       text NOT NULL,
      entity_type    text NOT NULL,
      entity_id      text NOT NULL,
      partner_id     uuid,
      action         text NOT NULL,
      actor          text NOT NULL,
      at             timestamptz NOT NULL DEFAULT now(),
      changed_fields text[] NOT NULL,
      before         jsonb,
      after          jsonb
    );
    CREATE INDEX IF NOT EXISTS entry_entity ON audit.entry (entity_type, entity_id, id);
    CREATE INDEX IF NOT EXISTS entry_partner ON audit.entry (partner_id, id);`,
};

/** Plain JSON of a record as audit entries keep it (dates as ISO text, decimals as exact strings). */
export function auditSnapshot(record: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(record));
}

/** Records a change inside the caller's transaction (an EntityManager, QueryRunner or pg client), so both commit or neither. */
export async function recordAudit(executor: SqlExecutor, subgraph: string, principal: Principal, change: AuditedChange): Promise<void> {
  await executor.query(
    `INSERT INTO audit.entry (subgraph, entity_type, entity_id, partner_id, action, actor, changed_fields, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      subgraph,
      change.entityType,
      change.entityId,
      change.partnerId,
      change.action,
      describePrincipal(principal),
      changedFields(change.before, change.after),
      change.before === null ? null : JSON.stringify(change.before),
      change.after === null ? null : JSON.stringify(change.after),
    ],
  );
}

/** A subgraph's audit writer: `audit.record(manager, principal, change)` names the subgraph once. */
export class AuditTrail {
  constructor(private readonly subgraph: string) {}

  record(executor: SqlExecutor, principal: Principal, change: AuditedChange): Promise<void> {
    return recordAudit(executor, this.subgraph, principal, change);
  }
}
