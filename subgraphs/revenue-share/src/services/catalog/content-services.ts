import type { DataSource, EntityManager } from "typeorm";
import { AuditedEntity, auditSnapshot, BadUserInputError, ConflictError, currencyProblem, newId, NotFoundError, PartnerScope, sqlState, type FieldProblem, type Page, type PageArgs, type Principal } from "@intersettle/shared";
import { ContentService, ContentServiceKind, ContentServiceStatus, PartyRole, ShareAgreement, StatementLineEntity } from "../../entities";
import type { ContentPartners } from "../partners/content-partners";
import { revshareAudit } from "../audit-trail";

export interface ContentServiceFields {
  code: string;
  name: string;
  kind: ContentServiceKind;
  currency: string;
  providerId: string;
  aggregatorId?: string | null;
  enablerId?: string | null;
}

export interface ContentServiceChange {
  name?: string | null;
  status?: ContentServiceStatus | null;
  expectedVersion?: number | null;
}

export interface ContentServiceFilter {
  partnerId?: string;
  kind?: ContentServiceKind;
  status?: ContentServiceStatus;
}

const SERVICE_CODE = /^[A-Z0-9][A-Z0-9_-]{1,63}$/;

/** Each place in a service's chain, the partner column holding it and the partner type it takes. */
export const CHAIN: Array<{ role: PartyRole; field: "providerId" | "aggregatorId" | "enablerId"; type: string }> = [
  { role: PartyRole.CONTENT_PROVIDER, field: "providerId", type: "CONTENT_PROVIDER" },
  { role: PartyRole.AGGREGATOR, field: "aggregatorId", type: "AGGREGATOR" },
  { role: PartyRole.PLATFORM_ENABLER, field: "enablerId", type: "PLATFORM_ENABLER" },
];

/** The partner a service's chain holds in a role (null for the operator, which is us). */
export function partyOf(service: Pick<ContentService, "providerId" | "aggregatorId" | "enablerId">, role: PartyRole): string | null {
  const place = CHAIN.find((c) => c.role === role);
  return place ? service[place.field] : null;
}

/** Content services and their chains: created and changed by operators, read by the partners of each chain. */
export class ContentServices {
  constructor(private readonly dataSource: DataSource, private readonly partners: ContentPartners) {}

  list(principal: Principal, filter: ContentServiceFilter, page: PageArgs): Promise<Page<ContentService>> {
    const scope = PartnerScope.of(principal);
    const q = this.dataSource.getRepository(ContentService).createQueryBuilder("s");
    if (filter.partnerId) q.andWhere(":partnerId IN (s.provider_id, s.aggregator_id, s.enabler_id)", { partnerId: filter.partnerId });
    if (filter.kind) q.andWhere("s.kind = :kind", { kind: filter.kind });
    if (filter.status) q.andWhere("s.status = :status", { status: filter.status });
    return scope.page(q, page, [{ column: "s.code", value: (s) => s.code }]);
  }

  get(principal: Principal, id: string): Promise<ContentService> {
    return PartnerScope.of(principal).one(this.dataSource.getRepository(ContentService).createQueryBuilder("s").where("s.id = :id", { id }), "ContentService", id);
  }

  byIds(principal: Principal, ids: readonly string[]): Promise<Array<ContentService | null>> {
    return PartnerScope.of(principal).byIds(this.dataSource, ContentService, ids);
  }

  /** Every service a partner is party to, for its statement run. */
  ofParty(partnerId: string, manager: EntityManager = this.dataSource.manager): Promise<ContentService[]> {
    return manager.getRepository(ContentService).createQueryBuilder("s")
      .where(":partnerId IN (s.provider_id, s.aggregator_id, s.enabler_id)", { partnerId })
      .orderBy("s.code")
      .getMany();
  }

  async create(principal: Principal, fields: ContentServiceFields): Promise<ContentService> {
    const problems = await this.problems(fields);
    if (problems.length > 0) throw new BadUserInputError(problems);
    return this.dataSource.transaction(async (manager) => {
      const now = new Date();
      const service = manager.create(ContentService, {
        ...fields,
        id: newId(),
        aggregatorId: fields.aggregatorId ?? null,
        enablerId: fields.enablerId ?? null,
        status: ContentServiceStatus.ACTIVE,
        createdAt: now,
        updatedAt: now,
      });
      const saved = await manager.save(service).catch((err) => {
        if (sqlState(err) === "23505") throw new BadUserInputError([{ field: "code", message: `'${fields.code}' is taken by another service` }]);
        throw err;
      });
      await revshareAudit.record(manager, principal, { entityType: AuditedEntity.CONTENT_SERVICE, entityId: saved.id, partnerId: saved.providerId, action: "content_service.created", before: null, after: auditSnapshot(saved) });
      return saved;
    });
  }

  /** Renames or retires a service. Its chain and currency are fixed: its agreements and statements are built on them. */
  async update(principal: Principal, id: string, change: ContentServiceChange): Promise<ContentService> {
    if (change.name !== undefined && change.name !== null && !change.name.trim()) throw new BadUserInputError([{ field: "name", message: "must not be empty" }]);
    return this.dataSource.transaction(async (manager) => {
      const service = await this.locked(manager, id);
      if (change.expectedVersion != null && change.expectedVersion !== service.version) {
        throw new ConflictError(`Content service ${service.code} was changed by someone else (version ${service.version})`, { field: "expectedVersion", currentVersion: service.version });
      }
      const before = auditSnapshot(service);
      if (change.name) service.name = change.name.trim();
      if (change.status) service.status = change.status;
      service.updatedAt = new Date();
      const saved = await manager.save(service);
      await revshareAudit.record(manager, principal, { entityType: AuditedEntity.CONTENT_SERVICE, entityId: id, partnerId: saved.providerId, action: "content_service.updated", before, after: auditSnapshot(saved) });
      return saved;
    });
  }

  /** Deletes a service nothing refers to yet (no agreement, statement or transaction); otherwise retire it. */
  async delete(principal: Principal, id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const service = await this.locked(manager, id);
      const used = (await manager.count(ShareAgreement, { where: { serviceId: id } })) + (await manager.count(StatementLineEntity, { where: { serviceId: id } }));
      if (used > 0) throw new ConflictError(`Content service ${service.code} has agreements or statements; retire it instead`, { field: "id" });
      await manager.delete(ContentService, { id }).catch((err) => {
        if (sqlState(err) === "23503") throw new ConflictError(`Content service ${service.code} has transactions; retire it instead`, { field: "id" });
        throw err;
      });
      await revshareAudit.record(manager, principal, { entityType: AuditedEntity.CONTENT_SERVICE, entityId: id, partnerId: service.providerId, action: "content_service.deleted", before: auditSnapshot(service), after: null });
      return true;
    });
  }

  async locked(manager: EntityManager, id: string): Promise<ContentService> {
    const service = await manager.findOne(ContentService, { where: { id }, lock: { mode: "pessimistic_write" } });
    if (!service) throw new NotFoundError("ContentService", id);
    return service;
  }

  /** Every problem with a new service, each naming its field: the code's form, the currency, and each partner's place. */
  private async problems(fields: ContentServiceFields): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    if (!SERVICE_CODE.test(fields.code)) problems.push({ field: "code", message: `'${fields.code}' must be 2-64 upper-case letters, digits, '-' or '_'` });
    if (!fields.name.trim()) problems.push({ field: "name", message: "must not be empty" });
    const currency = currencyProblem(fields.currency);
    if (currency) problems.push({ field: "currency", message: currency });
    const named = CHAIN.filter((c) => fields[c.field]);
    const known = await this.partners.find(named.map((c) => fields[c.field]!));
    for (const place of named) {
      const partner = known.get(fields[place.field]!);
      if (!partner) problems.push({ field: place.field, message: "is no partner" });
      else if (!partner.types.includes(place.type)) problems.push({ field: place.field, message: `${partner.code} is not a ${place.type} partner` });
    }
    const ids = named.map((c) => fields[c.field]);
    if (new Set(ids).size < ids.length) problems.push({ field: "aggregatorId", message: "each place in the chain takes a different partner" });
    return problems;
  }
}
