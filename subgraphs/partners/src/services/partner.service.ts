import type { DataSource, EntityManager } from "typeorm";
import {
  assertNoProblems,
  ConflictError,
  isUniqueViolation,
  newId,
  PartnerScope,
  type Page,
  type PageArgs,
  type Principal,
} from "@intersettle/shared";
import { Partner, PartnerContact } from "../entities";
import {
  partnerProfileProblems,
  PartnerStatus,
  statusChangeProblems,
  type PartnerProfileFields,
  type PartnerRole,
  type PartnerType,
} from "../domain/partner-profile";
import { partnerSnapshot } from "./snapshots";
import { changePartnerStatus, contactsOf, lockPartner, recordPartnerChange } from "./partner-changes";
import type { CreditAccounts } from "./credit/credit-accounts";
import type { PartnerBlocks } from "./credit/partner-blocks";

export interface PartnerFilter {
  status?: PartnerStatus;
  type?: PartnerType;
  role?: PartnerRole;
  currency?: string;
  /** Matches code or legal name, case-insensitive. */
  search?: string;
}

export class PartnerService {
  constructor(private readonly dataSource: DataSource, private readonly credit: CreditAccounts, private readonly blocks: PartnerBlocks) {}

  async create(principal: Principal, fields: PartnerProfileFields): Promise<Partner> {
    assertNoProblems(partnerProfileProblems(fields));
    return this.codeConflictsAsErrors(fields.code, () => this.dataSource.transaction(async (manager) => {
      await this.assertCodeFree(manager, fields.code);
      const { contacts, ...profile } = fields;
      const partner = manager.create(Partner, { ...profile, id: newId(), status: PartnerStatus.ACTIVE, statusReason: null, blockCause: null });
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
      const event = await this.recordChange(manager, principal, "partner.updated", before, partner, saved);
      // A new limit, mode or threshold is reviewed at once: it may lift a credit block or set one.
      if (this.credit.termsDiffer(before, partner)) await this.credit.termsChanged(manager, principal, partner, event!);
      return partner;
    }));
  }

  /**
   * Sets a status. Blocking, and unblocking a BLOCKED partner, follow blockPartner's and unblockPartner's rules (an
   * operator's block, lifted only by an operator; a credit block at the limit stays); other changes are plain.
   */
  async setStatus(principal: Principal, id: string, status: PartnerStatus, reason?: string | null, expectedVersion?: number): Promise<Partner> {
    assertNoProblems(statusChangeProblems(status, reason));
    if (status === PartnerStatus.BLOCKED) return this.blocks.block(principal, id, reason!, expectedVersion);
    return this.dataSource.transaction(async (manager) => {
      const partner = await this.lockForChange(manager, id, expectedVersion);
      if (status === PartnerStatus.ACTIVE && partner.status === PartnerStatus.BLOCKED) return this.blocks.unblockIn(manager, principal, partner, reason?.trim() || "Status set to ACTIVE");
      await changePartnerStatus(manager, principal, partner, { status, reason: reason?.trim() ?? "", blockCause: null });
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
    return contactsOf(manager, partnerId);
  }

  private async replaceContacts(manager: EntityManager, partnerId: string, contacts: PartnerProfileFields["contacts"]): Promise<PartnerContact[]> {
    await manager.delete(PartnerContact, { partnerId });
    const rows = contacts.map((c, position) => manager.create(PartnerContact, { id: newId(), partnerId, position, name: c.name.trim(), role: c.role, email: c.email ?? null, phone: c.phone ?? null }));
    if (rows.length > 0) await manager.insert(PartnerContact, rows);
    return rows;
  }

  private lockForChange(manager: EntityManager, id: string, expectedVersion?: number): Promise<Partner> {
    return lockPartner(manager, id, expectedVersion);
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

  private recordChange(manager: EntityManager, principal: Principal, action: string, before: Record<string, unknown> | null, partner: Partner, contacts: PartnerContact[]) {
    return recordPartnerChange(manager, principal, { action, before, partner, contacts });
  }
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
