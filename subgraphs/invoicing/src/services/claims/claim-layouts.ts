import type { DataSource } from "typeorm";
import { assertNoProblems, AuditedEntity, auditSnapshot, ConflictError, isUniqueViolation, newId, NotFoundError, PartnerScope, sqlState, type Principal } from "@intersettle/shared";
import { ClaimFileFormat, ClaimLayoutEntity } from "../../entities";
import { claimLayoutProblems, type ClaimColumn, type ClaimLayout } from "../../domain";
import type { BillingAccounts } from "../accounts/billing-accounts";
import { invoicingAudit } from "../audit-trail";

export interface ClaimLayoutFields {
  partnerId: string;
  name: string;
  format: ClaimFileFormat;
  delimiter?: string | null;
  headerRow?: number | null;
  sheet?: string | null;
  decimalComma?: boolean | null;
  columns: Partial<Record<ClaimColumn, string | number>>;
}

/** Partners' invoice layouts: saved once (created, or replaced by partner and name), audited, read by the partner itself. */
export class ClaimLayouts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: BillingAccounts,
  ) {}

  list(principal: Principal, partnerId: string): Promise<ClaimLayoutEntity[]> {
    const scope = PartnerScope.of(principal);
    const q = this.dataSource.getRepository(ClaimLayoutEntity).createQueryBuilder("l").where("l.partner_id = :partnerId", { partnerId: scope.partnerFilter(partnerId) }).orderBy("l.name");
    return scope.restrict(q).getMany();
  }

  /** A partner's layout by id or name; another partner's is NOT_FOUND. */
  async get(partnerId: string, idOrName: string): Promise<ClaimLayoutEntity> {
    const repo = this.dataSource.getRepository(ClaimLayoutEntity);
    const found = /^[0-9a-f-]{36}$/i.test(idOrName) ? await repo.findOneBy({ id: idOrName, partnerId }) : await repo.findOneBy({ name: idOrName, partnerId });
    if (!found) throw new NotFoundError("ClaimLayout", idOrName);
    return found;
  }

  async save(principal: Principal, fields: ClaimLayoutFields): Promise<ClaimLayoutEntity> {
    const layout = { format: fields.format, delimiter: fields.delimiter ?? ",", headerRow: fields.headerRow ?? 1, sheet: fields.sheet?.trim() || null, decimalComma: fields.decimalComma ?? false, columns: fields.columns };
    const problems = claimLayoutProblems(layout as ClaimLayout);
    if (!fields.name.trim()) problems.push({ field: "name", message: "must not be empty" });
    assertNoProblems(problems);
    await this.accounts.get(fields.partnerId);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const repo = manager.getRepository(ClaimLayoutEntity);
        const existing = await repo.findOne({ where: { partnerId: fields.partnerId, name: fields.name.trim() }, lock: { mode: "pessimistic_write" } });
        const before = existing ? auditSnapshot(existing) : null;
        const now = new Date();
        const saved = await repo.save(
          existing
            ? Object.assign(existing, layout, { version: existing.version + 1, updatedAt: now })
            : repo.create({ ...layout, id: newId(), partnerId: fields.partnerId, name: fields.name.trim(), version: 1, createdAt: now, updatedAt: now }),
        );
        await invoicingAudit.record(manager, principal, { entityType: AuditedEntity.CLAIM_LAYOUT, entityId: saved.id, partnerId: saved.partnerId, action: existing ? "claim_layout.updated" : "claim_layout.created", before, after: auditSnapshot(saved) });
        return saved;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`A claim layout named ${fields.name} was saved at the same time; save again`, { field: "name" });
      throw err;
    }
  }

  /** Deletes a layout no claim was read with (a claim keeps the layout it was read through). */
  async delete(principal: Principal, id: string): Promise<boolean> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const layout = await manager.findOne(ClaimLayoutEntity, { where: { id }, lock: { mode: "pessimistic_write" } });
        if (!layout) throw new NotFoundError("ClaimLayout", id);
        await manager.delete(ClaimLayoutEntity, { id });
        await invoicingAudit.record(manager, principal, { entityType: AuditedEntity.CLAIM_LAYOUT, entityId: id, partnerId: layout.partnerId, action: "claim_layout.deleted", before: auditSnapshot(layout), after: null });
        return true;
      });
    } catch (err) {
      if (sqlState(err) === "23503") throw new ConflictError("Claims were read through this layout; it stays so that they can be explained", { field: "id" });
      throw err;
    }
  }
}

/** The layout as the domain reads it. */
export function toClaimLayout(entity: ClaimLayoutEntity): ClaimLayout {
  return { format: entity.format, delimiter: entity.delimiter, headerRow: entity.headerRow, sheet: entity.sheet, decimalComma: entity.decimalComma, columns: entity.columns };
}
