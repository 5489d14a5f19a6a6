import type { DataSource } from "typeorm";
import {
  auditSnapshot,
  AuditedEntity,
  assertNoProblems,
  ConflictError,
  fetchPage,
  isUniqueViolation,
  newId,
  NotFoundError,
  PartnerScope,
  type Page,
  type PageArgs,
  type Principal,
} from "@intersettle/shared";
import { Rate, RateCard, RateCardVersion, RateChange, type RateChangeKind, type RateDirection, type RatedService } from "../../entities";
import { rateCardProblems } from "../../domain/rate-card-rules";
import type { TimeBand } from "@intersettle/shared";
import type { PartnerDirectory } from "../partner-settings/partner-directory";
import type { PricePlanService } from "./price-plan.service";
import { ratingAudit } from "../audit-trail";

export interface NewRateCard {
  partnerId: string;
  name: string;
  direction: RateDirection;
  currency: string;
  service: RatedService;
  timeBands: TimeBand[];
}

export interface RateCardFilter {
  partnerId?: string;
  direction?: RateDirection;
  service?: RatedService;
}

export class RateCardService {
  constructor(private readonly dataSource: DataSource, private readonly partners: PartnerDirectory, private readonly pricePlans: PricePlanService) {}

  async create(principal: Principal, fields: NewRateCard): Promise<RateCard> {
    assertNoProblems(rateCardProblems(fields));
    await this.partners.get(fields.partnerId);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const card = await manager.getRepository(RateCard).save({ ...fields, name: fields.name.trim(), id: newId(), currentVersion: 0 });
        await ratingAudit.record(manager, principal, { entityType: AuditedEntity.RATE_CARD, entityId: card.id, partnerId: card.partnerId, action: "rate_card.created", before: null, after: auditSnapshot(card) });
        await this.pricePlans.defaultForNewCard(manager, principal, card);
        return card;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`The partner already has a rate card named ${fields.name}`, { field: "name" });
      throw err;
    }
  }

  async update(principal: Principal, id: string, fields: { name?: string; timeBands?: TimeBand[] }): Promise<RateCard> {
    assertNoProblems(rateCardProblems(fields));
    return this.dataSource.transaction(async (manager) => {
      const card = await manager.findOne(RateCard, { where: { id }, lock: { mode: "pessimistic_write" } });
      if (!card) throw new NotFoundError("RateCard", id);
      const before = auditSnapshot(card);
      if (fields.name !== undefined) card.name = fields.name.trim();
      if (fields.timeBands !== undefined) card.timeBands = fields.timeBands;
      const saved = await manager.save(card);
      await ratingAudit.record(manager, principal, { entityType: AuditedEntity.RATE_CARD, entityId: id, partnerId: card.partnerId, action: "rate_card.updated", before, after: auditSnapshot(saved) });
      return saved;
    });
  }

  get(principal: Principal, id: string): Promise<RateCard> {
    return PartnerScope.of(principal).one(this.dataSource.getRepository(RateCard).createQueryBuilder("c").andWhere("c.id = :id", { id }), "RateCard", id);
  }

  list(principal: Principal, filter: RateCardFilter, page: PageArgs): Promise<Page<RateCard>> {
    const q = this.dataSource.getRepository(RateCard).createQueryBuilder("c");
    const scope = PartnerScope.of(principal);
    const partnerId = scope.partnerFilter(filter.partnerId);
    if (partnerId) q.andWhere("c.partner_id = :partnerId", { partnerId });
    if (filter.direction) q.andWhere("c.direction = :direction", { direction: filter.direction });
    if (filter.service) q.andWhere("c.service = :service", { service: filter.service });
    return scope.page(q, page, [{ column: "c.id", value: (c) => c.id }]);
  }

  versions(cardId: string, page: PageArgs): Promise<Page<RateCardVersion>> {
    const q = this.dataSource.getRepository(RateCardVersion).createQueryBuilder("v").where("v.rate_card_id = :cardId", { cardId });
    return fetchPage(q, page, [{ column: "v.version", value: (v) => v.version }]);
  }

  async version(principal: Principal, cardId: string, version: number): Promise<RateCardVersion> {
    await this.get(principal, cardId);
    const found = await this.dataSource.getRepository(RateCardVersion).findOneBy({ rateCardId: cardId, version });
    if (!found) throw new NotFoundError("RateCardVersion", `${cardId}@${version}`);
    return found;
  }

  /** The card's rates as they stood after `asOfVersion` (default: now), optionally only those in force at `at`. */
  rates(card: RateCard, options: { asOfVersion?: number; prefix?: string; at?: Date }, page: PageArgs): Promise<Page<Rate>> {
    const version = options.asOfVersion ?? card.currentVersion;
    const q = this.dataSource
      .getRepository(Rate)
      .createQueryBuilder("r")
      .where("r.rate_card_id = :cardId AND r.written_in <= :version AND (r.superseded_in IS NULL OR r.superseded_in > :version)", { cardId: card.id, version });
    if (options.prefix) q.andWhere("r.prefix LIKE :prefix", { prefix: `${options.prefix.replace(/\D/g, "")}%` });
    if (options.at) q.andWhere("r.effective_from <= :at AND (r.effective_to IS NULL OR r.effective_to > :at)", { at: options.at });
    return fetchPage(q, page, [{ column: "r.id", value: (r) => Number(r.id) }]);
  }

  changes(versionId: string, kind: RateChangeKind | undefined, page: PageArgs): Promise<Page<RateChange>> {
    const q = this.dataSource.getRepository(RateChange).createQueryBuilder("c").where("c.version_id = :versionId", { versionId });
    if (kind) q.andWhere("c.kind = :kind", { kind });
    return fetchPage(q, page, [{ column: "c.id", value: (c) => Number(c.id) }]);
  }
}
