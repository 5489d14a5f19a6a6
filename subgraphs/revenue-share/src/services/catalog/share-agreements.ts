import type { DataSource, EntityManager } from "typeorm";
import { AuditedEntity, auditSnapshot, BadUserInputError, ConflictError, NotFoundError, newId, type FieldProblem, type Principal } from "@intersettle/shared";
import { PartyRole, shareTermsProblems, termsInForce, versionOverlapProblems, type DeductionTerms, type WaterfallStep } from "../../domain";
import { agreementTerms, ContentService, ShareAgreement, storedTerms } from "../../entities";
import { CHAIN, type ContentServices } from "./content-services";
import { revshareAudit } from "../audit-trail";

/** An agreement version as an operator writes it; `problems` are those the input's shape already shows. */
export interface AgreementDraft {
  reference: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  deductions: DeductionTerms;
  waterfall: WaterfallStep[];
  problems: FieldProblem[];
}

/** Versions of each service's revenue-share agreement: checked by the domain and against the service's chain, audited. */
export class ShareAgreements {
  constructor(private readonly dataSource: DataSource, private readonly services: ContentServices) {}

  versions(serviceId: string, manager: EntityManager = this.dataSource.manager): Promise<ShareAgreement[]> {
    return manager.find(ShareAgreement, { where: { serviceId }, order: { effectiveFrom: "ASC" } });
  }

  /** The versions of services already admitted (a list of services' agreements), in the order asked. */
  async ofServices(serviceIds: readonly string[]): Promise<ShareAgreement[][]> {
    const rows = await this.dataSource.getRepository(ShareAgreement).createQueryBuilder("a").where("a.service_id = ANY(:ids)", { ids: [...serviceIds] }).orderBy("a.effective_from").getMany();
    return serviceIds.map((id) => rows.filter((r) => r.serviceId === id));
  }

  /** A service's versions, for a caller that may see the service. */
  async ofService(principal: Principal, serviceId: string): Promise<ShareAgreement[]> {
    await this.services.get(principal, serviceId);
    return this.versions(serviceId);
  }

  /** One version; another partner's (a service it is not party to) is NOT_FOUND. */
  async get(principal: Principal, id: string): Promise<ShareAgreement> {
    const agreement = await this.dataSource.getRepository(ShareAgreement).findOneBy({ id });
    if (!agreement) throw new NotFoundError("ShareAgreement", id);
    await this.services.get(principal, agreement.serviceId).catch(() => {
      throw new NotFoundError("ShareAgreement", id);
    });
    return agreement;
  }

  /** The version governing the period that starts on `firstDate`, if any. */
  async inForce(serviceId: string, firstDate: string, manager?: EntityManager): Promise<ShareAgreement | undefined> {
    return termsInForce(await this.versions(serviceId, manager), firstDate);
  }

  /** A new version. An open-ended version before it is closed the day before it starts. */
  create(principal: Principal, serviceId: string, draft: AgreementDraft): Promise<ShareAgreement> {
    return this.dataSource.transaction(async (manager) => {
      // The service's row serializes changes to its agreement versions.
      const service = await this.services.locked(manager, serviceId).catch(() => {
        throw new BadUserInputError([{ field: "serviceId", message: "is no content service" }]);
      });
      const versions = await this.versions(serviceId, manager);
      const open = draft.problems.length > 0 ? [] : versions.filter((v) => v.effectiveTo === null && v.effectiveFrom < draft.effectiveFrom);
      for (const v of open) v.effectiveTo = dayBefore(draft.effectiveFrom);
      const now = new Date();
      const agreement = manager.create(ShareAgreement, {
        id: newId(),
        serviceId,
        agreementVersion: versions.reduce((max, v) => Math.max(max, v.agreementVersion), 0) + 1,
        reference: draft.reference,
        currency: service.currency,
        effectiveFrom: draft.effectiveFrom,
        effectiveTo: draft.effectiveTo,
        terms: storedTerms(draft),
        createdAt: now,
        updatedAt: now,
      });
      this.check(service, draft, agreement, [...versions, agreement]);
      for (const v of open) {
        const before = auditSnapshot({ ...v, effectiveTo: null });
        await manager.save(Object.assign(v, { updatedAt: now }));
        await revshareAudit.record(manager, principal, { entityType: AuditedEntity.SHARE_AGREEMENT, entityId: v.id, partnerId: service.providerId, action: "share_agreement.closed", before, after: auditSnapshot(v) });
      }
      const saved = await manager.save(agreement);
      await revshareAudit.record(manager, principal, { entityType: AuditedEntity.SHARE_AGREEMENT, entityId: saved.id, partnerId: service.providerId, action: "share_agreement.created", before: null, after: auditSnapshot(saved) });
      return saved;
    });
  }

  /** Changes a version no published statement has used yet; one that has is history: add a new version instead. */
  update(principal: Principal, id: string, draft: AgreementDraft): Promise<ShareAgreement> {
    return this.dataSource.transaction(async (manager) => {
      const { agreement, service } = await this.unused(manager, id);
      const before = auditSnapshot(agreement);
      Object.assign(agreement, { reference: draft.reference, effectiveFrom: draft.effectiveFrom, effectiveTo: draft.effectiveTo, terms: storedTerms(draft), updatedAt: new Date() });
      const versions = (await this.versions(service.id, manager)).map((v) => (v.id === id ? agreement : v));
      this.check(service, draft, agreement, versions);
      const saved = await manager.save(agreement);
      await revshareAudit.record(manager, principal, { entityType: AuditedEntity.SHARE_AGREEMENT, entityId: id, partnerId: service.providerId, action: "share_agreement.updated", before, after: auditSnapshot(saved) });
      return saved;
    });
  }

  delete(principal: Principal, id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const { agreement, service } = await this.unused(manager, id);
      await manager.delete(ShareAgreement, { id });
      await revshareAudit.record(manager, principal, { entityType: AuditedEntity.SHARE_AGREEMENT, entityId: id, partnerId: service.providerId, action: "share_agreement.deleted", before: auditSnapshot(agreement), after: null });
      return true;
    });
  }

  private async unused(manager: EntityManager, id: string): Promise<{ agreement: ShareAgreement; service: ContentService }> {
    const found = await manager.findOneBy(ShareAgreement, { id });
    if (!found) throw new NotFoundError("ShareAgreement", id);
    const service = await this.services.locked(manager, found.serviceId);
    const agreement = await manager.findOneByOrFail(ShareAgreement, { id });
    const [{ used }] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM revshare.statement_usage u JOIN revshare.statement s ON s.id = u.statement_id WHERE u.agreement_id = $1 AND s.status <> 'DRAFT') AS used`,
      [id],
    );
    if (used) throw new ConflictError(`Version ${agreement.agreementVersion} of ${service.code}'s agreement is on published statements; add a new version instead`, { field: "id" });
    return { agreement, service };
  }

  /** The domain's problems with the terms, the versions' overlaps, and each step's partner against the service's chain. */
  private check(service: ContentService, draft: AgreementDraft, agreement: ShareAgreement, versions: ShareAgreement[]): void {
    const problems = [...draft.problems];
    if (problems.length === 0) {
      problems.push(...shareTermsProblems(agreementTerms(agreement)));
      problems.push(...chainProblems(service, draft.waterfall));
      const overlaps = versionOverlapProblems(versions.map(agreementTerms));
      if (overlaps.length > 0) problems.push({ field: "effectiveFrom", message: overlaps.map((o) => o.message).join("; ") });
    }
    if (problems.length > 0) throw new BadUserInputError(problems);
  }
}

/** Every partner step names the partner the service's chain holds in that role; the operator is us. */
function chainProblems(service: ContentService, waterfall: WaterfallStep[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  waterfall.forEach((step, i) => {
    if (step.partyRole === PartyRole.OPERATOR) return;
    const place = CHAIN.find((c) => c.role === step.partyRole)!;
    const holder = service[place.field];
    if (!holder) problems.push({ field: `waterfall.${i}.partyRole`, message: `${service.code} has no ${step.partyRole} in its chain` });
    else if (step.partnerId !== holder) problems.push({ field: `waterfall.${i}.partnerId`, message: `must be ${service.code}'s ${step.partyRole}` });
  });
  return problems;
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
