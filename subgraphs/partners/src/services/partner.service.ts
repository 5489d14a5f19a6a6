import type { DataSource, EntityManager } from "typeorm";
import {
  appendEvent,
  assertNoProblems,
  ConflictError,
  isUniqueViolation,
  newId,
  NotFoundError,
  PartnerScope,
  type Page,
  type PageArgs,
  type Principal,
} from "@intersettle/shared";
import { Partner, PartnerContact, AuditedEntity } from "../entities";
import {
  partnerProfileProblems,
  PartnerStatus,
  statusChangeProblems,
  type PartnerProfileFields,
  type PartnerRole,
  type PartnerType,
} from "../domain/partner-profile";
import { recordAudit } from "./audit-trail";
import { partnerSnapshot } from "./snapshots";

export interface PartnerFilter {
  status?: PartnerStatus;
  type?: PartnerType;
  role?: PartnerRole;
  currency?: string;
  /** Matches code or legal name, case-insensitive. */
  search?: string;
}

const PRODUCER = "partners";

export class PartnerService {
  constructor(private readonly dataSource: DataSource) {}

  async create(principal: Principal, fields: PartnerProfileFields): Promise<Partner> {
    assertNoProblems(partnerProfileProblems(fields));
    return this.codeConflictsAsErrors(fields.code, () => this.dataSource.transaction(async (manager) => {
      await this.assertCodeFree(manager, fields.code);
      const { contacts, ...profile } = fields;
      const partner = manager.create(Partner, { ...profile, id: newId(), status: PartnerStatus.ACTIVE, statusReason: null });
      await manager.save(partner);
      const saved = await this.replaceContacts(manager, partner.id, contacts);
      await this.recordChange(manager, principal, "partner.created", null, partner, saved);
      return partner;
    }));
  }

  async update(principal: Principal, id: string, fields: Partial<PartnerProfileFields>, expectedVersion?: number): Promise<Partner> {
    assertNoProblems(partnerProfileProblems(fields, true));
    return this.codeConflictsAsErrors(fields.code, () => this.dataSource.transaction(async (manager) => {
      const partner = await this.lockForChange(manager, id, expectedVersion);
      const before = partnerSnapshot(partner, await this.contactsOf(manager, id));
      if (fields.code !== undefined && fields.code !== partner.code) await this.assertCodeFree(manager, fields.code);
      const { contacts, ...profile } = fields;
      const defined = Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined && v !== null));
      manager.merge(Partner, partner, defined);
      await manager.save(partner);
      const saved = contacts ? await this.replaceContacts(manager, id, contacts) : await this.contactsOf(manager, id);
      await this.recordChange(manager, principal, "partner.updated", before, partner, saved);
      return partner;
    }));
  }

  async setStatus(principal: Principal, id: string, status: PartnerStatus, reason?: string | null, expectedVersion?: number): Promise<Partner> {
    assertNoProblems(statusChangeProblems(status, reason));
    return this.dataSource.transaction(async (manager) => {
      const partner = await this.lockForChange(manager, id, expectedVersion);
      const contacts = await this.contactsOf(manager, id);
      const before = partnerSnapshot(partner, contacts);
      partner.status = status;
      partner.statusReason = status === PartnerStatus.ACTIVE ? (reason?.trim() || null) : reason!.trim();
      await manager.save(partner);
      await this.recordChange(manager, principal, "partner.status_changed", before, partner, contacts);
      return partner;
    });
  }

  get(principal: Principal, id: string): Promise<Partner> {
    return PartnerScope.of(principal).one(this.partners().andWhere("p.id = :id", { id }), "Partner", id);
  }

  getByCode(principal: Principal, code: string): Promise<Partner> {
    return PartnerScope.of(principal).one(this.partners().andWhere("p.code = :code", { code }), "Partner", code);
  }

  list(principal: Principal, filter: PartnerFilter, page: PageArgs): Promise<Page<Partner>> {
    const q = this.partners();
    if (filter.status) q.andWhere("p.status = :status", { status: filter.status });
    if (filter.type) q.andWhere(":type = ANY(p.types)", { type: filter.type });
    if (filter.role) q.andWhere(":role = ANY(p.roles)", { role: filter.role });
    if (filter.currency) q.andWhere("p.currency = :currency", { currency: filter.currency });
    if (filter.search) q.andWhere("(p.code ILIKE :search OR p.legal_name ILIKE :search)", { search: `%${escapeLike(filter.search)}%` });
    return PartnerScope.of(principal).page(q, page, [{ column: "p.code", value: (p) => p.code }]);
  }

  private partners() {
    return this.dataSource.getRepository(Partner).createQueryBuilder("p");
  }

  /** Contacts of many partners in one query (for the dataloader), in each partner's order. */
  async contactsByPartner(partnerIds: readonly string[]): Promise<PartnerContact[][]> {
    const rows = await this.dataSource.getRepository(PartnerContact).createQueryBuilder("c").where("c.partner_id = ANY(:ids)", { ids: [...partnerIds] }).orderBy("c.position").getMany();
    return partnerIds.map((id) => rows.filter((c) => c.partnerId === id));
  }

  private contactsOf(manager: EntityManager, partnerId: string): Promise<PartnerContact[]> {
    return manager.find(PartnerContact, { where: { partnerId }, order: { position: "ASC" } });
  }

  private async replaceContacts(manager: EntityManager, partnerId: string, contacts: PartnerProfileFields["contacts"]): Promise<PartnerContact[]> {
    await manager.delete(PartnerContact, { partnerId });
    const rows = contacts.map((c, position) => manager.create(PartnerContact, { id: newId(), partnerId, position, name: c.name.trim(), role: c.role, email: c.email ?? null, phone: c.phone ?? null }));
    if (rows.length > 0) await manager.insert(PartnerContact, rows);
    return rows;
  }

  private async lockForChange(manager: EntityManager, id: string, expectedVersion?: number): Promise<Partner> {
    const partner = await manager.findOne(Partner, { where: { id }, lock: { mode: "pessimistic_write" } });
    if (!partner) throw new NotFoundError("Partner", id);
    if (expectedVersion !== undefined && expectedVersion !== null && partner.version !== expectedVersion) {
      throw new ConflictError(`Partner ${partner.code} was changed by someone else (version ${partner.version}, expected ${expectedVersion})`, { field: "expectedVersion", currentVersion: partner.version });
    }
    return partner;
  }

  private async codeConflictsAsErrors<T>(code: string | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`Partner code ${code} is already taken`, { field: "code" });
      throw err;
    }
  }

  private async assertCodeFree(manager: EntityManager, code: string): Promise<void> {
    if (await manager.existsBy(Partner, { code })) throw new ConflictError(`Partner code ${code} is already taken`, { field: "code" });
  }

  private async recordChange(manager: EntityManager, principal: Principal, action: string, before: Record<string, unknown> | null, partner: Partner, contacts: PartnerContact[]): Promise<void> {
    const after = partnerSnapshot(partner, contacts);
    await recordAudit(manager, principal, { entityType: AuditedEntity.PARTNER, entityId: partner.id, partnerId: partner.id, action, before, after });
    await appendEvent(manager, { topic: "partners", type: action, key: partner.id, payload: after, producer: PRODUCER });
  }
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
