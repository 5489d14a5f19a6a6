import type { DataSource } from "typeorm";
import { PartnerScope, type Page, type PageArgs, type Principal } from "@intersettle/shared";
import { AuditEntry, type AuditedEntity } from "../entities";

export interface AuditFilter {
  entityType?: AuditedEntity;
  entityId?: string;
  partnerId?: string;
  actor?: string;
  from?: Date;
  to?: Date;
}

export class AuditQueryService {
  constructor(private readonly dataSource: DataSource) {}

  /** Oldest first; a partner sees only entries about itself and never operator-token entries. */
  list(principal: Principal, filter: AuditFilter, page: PageArgs): Promise<Page<AuditEntry>> {
    const q = this.dataSource.getRepository(AuditEntry).createQueryBuilder("e");
    const scope = PartnerScope.of(principal);
    const partnerId = scope.partnerFilter(filter.partnerId);
    if (partnerId) q.andWhere("e.partner_id = :partnerId", { partnerId });
    if (filter.entityType) q.andWhere("e.entity_type = :entityType", { entityType: filter.entityType });
    if (filter.entityId) q.andWhere("e.entity_id = :entityId", { entityId: filter.entityId });
    if (filter.actor) q.andWhere("e.actor = :actor", { actor: filter.actor });
    if (filter.from) q.andWhere("e.at >= :from", { from: filter.from });
    if (filter.to) q.andWhere("e.at < :to", { to: filter.to });
    return scope.page(q, page, [{ column: "e.id", value: (e) => Number(e.id) }]);
  }
}
