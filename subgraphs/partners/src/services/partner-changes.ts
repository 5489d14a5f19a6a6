import type { EntityManager } from "typeorm";
import { appendEvent, ConflictError, NotFoundError, type EventRecord, type NewEvent, type Principal } from "@intersettle/shared";
import { AuditedEntity, Partner, PartnerContact } from "../entities";
import type { StatusChange } from "../domain/credit";
import { recordAudit } from "./audit-trail";
import { partnerSnapshot } from "./snapshots";

/**
 * Where a change's events go: appended at once (the default), or held by an event consumer and appended after every
 * row lock of its batch (see EventConsumer's `afterBatch`). Answers the appended event when it appended one.
 */
export type Publish = (event: NewEvent) => Promise<EventRecord | void>;

export const PRODUCER = "partners";

export function appendNow(manager: EntityManager): Publish {
  return (event) => appendEvent(manager, event);
}

/** Locks a partner's row for a change (every change of a partner and of its credit account locks it first). */
export async function lockPartner(manager: EntityManager, id: string, expectedVersion?: number | null): Promise<Partner> {
  const partner = await manager.findOne(Partner, { where: { id }, lock: { mode: "pessimistic_write" } });
  if (!partner) throw new NotFoundError("Partner", id);
  if (expectedVersion !== undefined && expectedVersion !== null && partner.version !== expectedVersion) {
    throw new ConflictError(`Partner ${partner.code} was changed by someone else (version ${partner.version}, expected ${expectedVersion})`, { field: "expectedVersion", currentVersion: partner.version });
  }
  return partner;
}

export function contactsOf(manager: EntityManager, partnerId: string): Promise<PartnerContact[]> {
  return manager.find(PartnerContact, { where: { partnerId }, order: { position: "ASC" } });
}

/** Audits a partner change and publishes its `partners` event, in the caller's transaction. */
export async function recordPartnerChange(
  manager: EntityManager,
  principal: Principal,
  change: { action: string; before: Record<string, unknown> | null; partner: Partner; contacts: PartnerContact[] },
  publish: Publish = appendNow(manager),
): Promise<EventRecord | void> {
  const after = partnerSnapshot(change.partner, change.contacts);
  await recordAudit(manager, principal, { entityType: AuditedEntity.PARTNER, entityId: change.partner.id, partnerId: change.partner.id, action: change.action, before: change.before, after });
  return publish({ topic: "partners", type: change.action, key: change.partner.id, payload: after, producer: PRODUCER });
}

/**
 * The one way a partner's status changes (operators, credit control, fraud alerts): on a row the caller has locked,
 * saved, audited and published as `partner.status_changed`, which rating reads to mark a blocked partner's calls.
 */
export async function changePartnerStatus(manager: EntityManager, principal: Principal, partner: Partner, change: StatusChange, publish: Publish = appendNow(manager)): Promise<EventRecord | void> {
  const contacts = await contactsOf(manager, partner.id);
  const before = partnerSnapshot(partner, contacts);
  partner.status = change.status;
  partner.statusReason = change.reason.trim() || null;
  partner.blockCause = change.blockCause;
  await manager.save(partner);
  return recordPartnerChange(manager, principal, { action: "partner.status_changed", before, partner, contacts }, publish);
}
