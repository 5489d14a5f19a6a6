import type { EntityManager, DataSource } from "typeorm";
import {
  appendEvent,
  assertNoProblems,
  auditSnapshot,
  AuditedEntity,
  BadUserInputError,
  newId,
  NotFoundError,
  PartnerScope,
  type FieldProblem,
  type Page,
  type PageArgs,
  type Principal,
} from "@intersettle/shared";
import { PricePlan, RateCard, TrunkMappingEntity, type RatedService, type RateDirection } from "../../entities";
import { endProblems, scopeChange } from "../../domain/tariffs/price-plan-periods";
import { ratingAudit } from "../audit-trail";
import type { PartnerDirectory } from "../partner-settings/partner-directory";
import type { PartnerAgreements } from "../partner-settings/partner-agreements";

export interface NewPricePlan {
  partnerId: string;
  direction: RateDirection;
  service: RatedService;
  rateCardId: string;
  trunkMappingId: string | null;
  agreementId: string | null;
  effectiveFrom: Date;
  effectiveTo: Date | null;
}

/** A customer (SELL) is seen on the calls it sends us, a vendor (BUY) on those we send it. */
const PLAN_SIDE = { SELL: "INGRESS", BUY: "EGRESS" } as const;

/** The plan everything before any other was priced on: a partner's first card prices all its usage, as it always has. */
export const DEFAULT_PLAN_FROM = new Date("1970-01-01T00:00:00Z");

/** Price plans: which card prices a partner's usage, set and ended by operators, read by the partner itself. */
export class PricePlanService {
  constructor(private readonly dataSource: DataSource, private readonly partners: PartnerDirectory, private readonly agreements: PartnerAgreements) {}

  list(principal: Principal, filter: { partnerId: string; direction?: RateDirection; service?: RatedService }, page: PageArgs): Promise<Page<PricePlan>> {
    const scope = PartnerScope.of(principal);
    const q = this.dataSource.getRepository(PricePlan).createQueryBuilder("p").where("p.partner_id = :partnerId", { partnerId: scope.partnerFilter(filter.partnerId) });
    if (filter.direction) q.andWhere("p.direction = :direction", { direction: filter.direction });
    if (filter.service) q.andWhere("p.service = :service", { service: filter.service });
    return scope.page(q, page, [{ column: "p.id", value: (p) => p.id }]);
  }

  /** Every plan of one partner, direction and service (for choosing among them; not scoped). */
  ofScope(partnerId: string, direction: RateDirection, service: RatedService): Promise<PricePlan[]> {
    return this.dataSource.getRepository(PricePlan).findBy({ partnerId, direction, service });
  }

  /** Sets a plan; the scope's open plan that began earlier ends where it begins. Audited, and published on `rates`. */
  async set(principal: Principal, fields: NewPricePlan): Promise<PricePlan> {
    if (fields.effectiveTo && fields.effectiveTo.getTime() <= fields.effectiveFrom.getTime()) throw new BadUserInputError([{ field: "effectiveTo", message: "must be after effectiveFrom" }]);
    await this.partners.get(fields.partnerId);
    assertNoProblems(await this.referenceProblems(fields));
    return this.dataSource.transaction(async (manager) => {
      const existing = await lockScope(manager, fields);
      const change = scopeChange(existing, { id: "", effectiveFrom: fields.effectiveFrom, effectiveTo: fields.effectiveTo });
      if ("problem" in change) throw new BadUserInputError([change.problem]);
      const ended = change.end && (await endPlan(manager, principal, change.end as PricePlan, fields.effectiveFrom));
      const plan = await manager.getRepository(PricePlan).save({ ...fields, id: newId() });
      await ratingAudit.record(manager, principal, { entityType: AuditedEntity.PRICE_PLAN, entityId: plan.id, partnerId: plan.partnerId, action: "price_plan.set", before: null, after: auditSnapshot(plan) });
      if (ended) await publish(manager, ended, "ENDED");
      await publish(manager, plan, "SET");
      return plan;
    });
  }

  /** Ends a plan at `at` (its effectiveFrom withdraws it; a later end must not reach another plan of its scope). */
  async end(principal: Principal, id: string, at: Date): Promise<PricePlan> {
    return this.dataSource.transaction(async (manager) => {
      const found = await manager.findOneBy(PricePlan, { id });
      if (!found) throw new NotFoundError("PricePlan", id);
      const scope = await lockScope(manager, found);
      const plan = scope.find((p) => p.id === id)!;
      assertNoProblems(endProblems(plan, scope, at));
      const ended = await endPlan(manager, principal, plan, at);
      await publish(manager, ended, "ENDED");
      return ended;
    });
  }

  /**
   * A partner's first card for a direction and service becomes its default plan, in the card's transaction: from
   * 1970, as the first card always priced everything. A lock per scope keeps two first cards from both becoming it.
   */
  async defaultForNewCard(manager: EntityManager, principal: Principal, card: RateCard): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`price_plan:${card.partnerId}:${card.direction}:${card.service}`]);
    const [{ others }] = (await manager.query(`SELECT count(*)::int AS others FROM rating.rate_card WHERE partner_id = $1 AND direction = $2 AND service = $3 AND id <> $4`, [
      card.partnerId,
      card.direction,
      card.service,
      card.id,
    ])) as Array<{ others: number }>;
    if (others > 0) return;
    const plan = await manager.getRepository(PricePlan).save({
      id: newId(), partnerId: card.partnerId, direction: card.direction, service: card.service, rateCardId: card.id, trunkMappingId: null, agreementId: null, effectiveFrom: DEFAULT_PLAN_FROM, effectiveTo: null,
    });
    await ratingAudit.record(manager, principal, { entityType: AuditedEntity.PRICE_PLAN, entityId: plan.id, partnerId: plan.partnerId, action: "price_plan.set", before: null, after: auditSnapshot(plan) });
    await publish(manager, plan, "SET");
  }

  /** The card, trunk mapping and agreement a plan names must be the partner's and fit its direction and service. */
  private async referenceProblems(f: NewPricePlan): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    const card = await this.dataSource.getRepository(RateCard).findOneBy({ id: f.rateCardId });
    if (!card) problems.push({ field: "rateCardId", message: `no rate card ${f.rateCardId}` });
    else if (card.partnerId !== f.partnerId) problems.push({ field: "rateCardId", message: "is another partner's card" });
    else if (card.direction !== f.direction || card.service !== f.service) problems.push({ field: "rateCardId", message: `is a ${card.direction} ${card.service} card; the plan is ${f.direction} ${f.service}` });
    if (f.trunkMappingId) {
      const mapping = await this.dataSource.getRepository(TrunkMappingEntity).findOneBy({ id: f.trunkMappingId });
      if (!mapping) problems.push({ field: "trunkMappingId", message: `no trunk mapping ${f.trunkMappingId}` });
      else if (mapping.partnerId !== f.partnerId) problems.push({ field: "trunkMappingId", message: "does not map the partner" });
      else if (mapping.side !== "BOTH" && mapping.side !== PLAN_SIDE[f.direction]) {
        problems.push({ field: "trunkMappingId", message: `maps the partner on the ${mapping.side} side: a ${f.direction} plan prices calls seen on the ${PLAN_SIDE[f.direction]} side` });
      }
    }
    if (f.agreementId) {
      const agreement = await this.agreements.get(f.agreementId);
      if (!agreement || agreement.partnerId !== f.partnerId) problems.push({ field: "agreementId", message: "is not an agreement of the partner" });
      else if (!agreement.services.includes(f.service)) problems.push({ field: "agreementId", message: `does not cover ${f.service} (it covers ${agreement.services.join(", ")})` });
    }
    return problems;
  }
}

/** The plans of one scope, locked: plans of a scope are set and ended one at a time. */
async function lockScope(manager: EntityManager, s: Pick<PricePlan, "partnerId" | "direction" | "service" | "trunkMappingId" | "agreementId">): Promise<PricePlan[]> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`price_plan:${s.partnerId}:${s.direction}:${s.service}`]);
  return manager
    .getRepository(PricePlan)
    .createQueryBuilder("p")
    .where("p.partner_id = :partnerId AND p.direction = :direction AND p.service = :service", s)
    .andWhere(s.trunkMappingId ? "p.trunk_mapping_id = :trunkMappingId" : "p.trunk_mapping_id IS NULL", { trunkMappingId: s.trunkMappingId })
    .andWhere(s.agreementId ? "p.agreement_id = :agreementId" : "p.agreement_id IS NULL", { agreementId: s.agreementId })
    .orderBy("p.effective_from")
    .getMany();
}

async function endPlan(manager: EntityManager, principal: Principal, plan: PricePlan, at: Date): Promise<PricePlan> {
  const before = auditSnapshot(plan);
  const saved = await manager.getRepository(PricePlan).save({ ...plan, effectiveTo: at });
  await ratingAudit.record(manager, principal, { entityType: AuditedEntity.PRICE_PLAN, entityId: plan.id, partnerId: plan.partnerId, action: "price_plan.ended", before, after: auditSnapshot(saved) });
  return saved;
}

/** `rates` / `price_plan.changed`, keyed by partner: routing replaces the plan in its index. Appended last (see appendEvent). */
function publish(manager: EntityManager, p: PricePlan, action: "SET" | "ENDED") {
  return appendEvent(manager, {
    topic: "rates",
    type: "price_plan.changed",
    key: p.partnerId,
    producer: "rating",
    payload: {
      pricePlanId: p.id, partnerId: p.partnerId, direction: p.direction, service: p.service, rateCardId: p.rateCardId, trunkMappingId: p.trunkMappingId, agreementId: p.agreementId,
      effectiveFrom: p.effectiveFrom.toISOString(), effectiveTo: p.effectiveTo?.toISOString() ?? null, action,
    },
  });
}
