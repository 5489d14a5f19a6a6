import type { DataSource } from "typeorm";
import {
  appendEvent,
  assertNoProblems,
  BadUserInputError,
  ConflictError,
  isUniqueViolation,
  newId,
  NotFoundError,
  PartnerScope,
  type Page,
  type PageArgs,
  type Principal,
} from "@intersettle/shared";
import { Agreement, AuditedEntity, Partner } from "../entities";
import { agreementProblems, isIsoDate, type AgreementFields, type AgreementStatus, type AgreementType, type ServiceType } from "../domain/agreement-terms";
import { recordAudit } from "./audit-trail";
import { agreementSnapshot } from "./snapshots";

export interface AgreementFilter {
  partnerId?: string;
  type?: AgreementType;
  status?: AgreementStatus;
  service?: ServiceType;
  /** Agreements in force on this date (YYYY-MM-DD). */
  activeOn?: string;
}

export class AgreementService {
  constructor(private readonly dataSource: DataSource) {}

  async create(principal: Principal, partnerId: string, fields: AgreementFields): Promise<Agreement> {
    assertNoProblems(agreementProblems(fields));
    return this.referenceConflictsAsErrors(fields.reference, () =>
      this.dataSource.transaction(async (manager) => {
        if (!(await manager.existsBy(Partner, { id: partnerId }))) throw new NotFoundError("Partner", partnerId);
        const agreement = manager.create(Agreement, { ...fields, id: newId(), partnerId, validTo: fields.validTo ?? null, terms: fields.terms ?? null });
        await manager.save(agreement);
        const after = agreementSnapshot(agreement);
        await recordAudit(manager, principal, { entityType: AuditedEntity.AGREEMENT, entityId: agreement.id, partnerId, action: "agreement.created", before: null, after });
        await appendEvent(manager, { topic: "partners", type: "agreement.created", key: partnerId, payload: after, producer: "partners" });
        return agreement;
      }),
    );
  }

  async update(principal: Principal, id: string, fields: Partial<AgreementFields>, expectedVersion?: number): Promise<Agreement> {
    return this.referenceConflictsAsErrors(fields.reference, () =>
      this.dataSource.transaction(async (manager) => {
        const agreement = await manager.findOne(Agreement, { where: { id }, lock: { mode: "pessimistic_write" } });
        if (!agreement) throw new NotFoundError("Agreement", id);
        if (expectedVersion !== undefined && expectedVersion !== null && expectedVersion !== agreement.version) {
          throw new ConflictError(`Agreement ${agreement.reference} was changed by someone else`, { field: "expectedVersion", currentVersion: agreement.version });
        }
        assertNoProblems(agreementProblems(fields, true, agreement));
        const before = agreementSnapshot(agreement);
        const defined = Object.fromEntries(Object.entries(fields).filter(([k, v]) => v !== undefined && (v !== null || k === "validTo" || k === "terms")));
        manager.merge(Agreement, agreement, defined);
        await manager.save(agreement);
        const after = agreementSnapshot(agreement);
        await recordAudit(manager, principal, { entityType: AuditedEntity.AGREEMENT, entityId: id, partnerId: agreement.partnerId, action: "agreement.updated", before, after });
        await appendEvent(manager, { topic: "partners", type: "agreement.updated", key: agreement.partnerId, payload: after, producer: "partners" });
        return agreement;
      }),
    );
  }

  async get(principal: Principal, id: string): Promise<Agreement> {
    return PartnerScope.of(principal).one(this.dataSource.getRepository(Agreement).createQueryBuilder("a").andWhere("a.id = :id", { id }), "Agreement", id);
  }

  list(principal: Principal, filter: AgreementFilter, page: PageArgs): Promise<Page<Agreement>> {
    if (filter.activeOn && !isIsoDate(filter.activeOn)) throw new BadUserInputError([{ field: "filter.activeOn", message: `'${filter.activeOn}' is not a date (YYYY-MM-DD)` }]);
    const q = this.dataSource.getRepository(Agreement).createQueryBuilder("a");
    const scope = PartnerScope.of(principal);
    const partnerId = scope.partnerFilter(filter.partnerId);
    if (partnerId) q.andWhere("a.partner_id = :partnerId", { partnerId });
    if (filter.type) q.andWhere("a.type = :type", { type: filter.type });
    if (filter.status) q.andWhere("a.status = :status", { status: filter.status });
    if (filter.service) q.andWhere(":service = ANY(a.services)", { service: filter.service });
    if (filter.activeOn) q.andWhere("a.valid_from <= :on AND (a.valid_to IS NULL OR a.valid_to >= :on)", { on: filter.activeOn });
    return scope.page(q, page, [{ column: "a.id", value: (a) => a.id }]);
  }

  private async referenceConflictsAsErrors<T>(reference: string | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`This partner already has an agreement ${reference}`, { field: "reference" });
      throw err;
    }
  }
}
