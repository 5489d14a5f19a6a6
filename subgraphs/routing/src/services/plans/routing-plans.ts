import type { DataSource, EntityManager } from "typeorm";
import { AuditedEntity, auditSnapshot, BadUserInputError, newId, NotFoundError, type FieldProblem, type Principal } from "@intersettle/shared";
import { MarginKind, RoutingPlanEntity, RoutingStrategy, type OverrideAction } from "../../entities";
import type { RoutingPlan } from "../../domain/route-types";
import type { PartnerDirectory } from "../partners/partner-directory";
import { routingAudit } from "../audit-trail";
import { namedVendors, routingPlanOf, termsProblems, type PlanTerms } from "./plan-terms";

export interface SetRoutingPlan extends PlanTerms {
  /** A plan to change; absent: a new plan. */
  id?: string | null;
  customerId: string;
  effectiveFrom: Date;
  effectiveTo: Date | null;
}

type PlansListener = (customerId: string, plans: RoutingPlan[]) => void;

/** Customers' routing plans: validated, audited, and handed to the index once committed. */
export class RoutingPlans {
  private listener?: PlansListener;

  constructor(private readonly dataSource: DataSource, private readonly directory: PartnerDirectory) {}

  onChange(listener: PlansListener): void {
    this.listener = listener;
  }

  async all(): Promise<RoutingPlan[]> {
    return (await this.dataSource.getRepository(RoutingPlanEntity).find()).map(routingPlanOf);
  }

  forCustomer(customerId: string, manager: EntityManager = this.dataSource.manager): Promise<RoutingPlanEntity[]> {
    return manager.getRepository(RoutingPlanEntity).find({ where: { customerId }, order: { effectiveFrom: "ASC", id: "ASC" } });
  }

  /** Problems of a plan's terms, vendors that are no partner included (field names under `at`). */
  async problems(terms: PlanTerms, at = ""): Promise<FieldProblem[]> {
    const problems = termsProblems(terms, at);
    const named = namedVendors(terms, at);
    if (named.length > 0) {
      const known = await this.directory.exists(named.map((n) => n.vendorId));
      for (const n of named) if (!known.has(n.vendorId)) problems.push({ field: n.field, message: "is no partner known to routing" });
    }
    return problems;
  }

  async set(principal: Principal, input: SetRoutingPlan): Promise<RoutingPlanEntity> {
    const problems = await this.problems(input);
    if ((await this.directory.exists([input.customerId])).size === 0) problems.unshift({ field: "customerId", message: "is no partner known to routing" });
    if (input.effectiveTo && input.effectiveTo.getTime() <= input.effectiveFrom.getTime()) problems.push({ field: "effectiveTo", message: "must be after effectiveFrom" });
    if (problems.length > 0) throw new BadUserInputError(problems);
    const saved = await this.dataSource.transaction(async (manager) => {
      const held = input.id ? await manager.findOne(RoutingPlanEntity, { where: { id: input.id }, lock: { mode: "pessimistic_write" } }) : null;
      if (input.id && !held) throw new NotFoundError("RoutingPlan", input.id);
      if (held && held.customerId !== input.customerId) throw new BadUserInputError([{ field: "customerId", message: "a plan's customer cannot change; end it and set a new one" }]);
      const before = held && auditSnapshot(held);
      const now = new Date();
      const plan = manager.create(RoutingPlanEntity, {
        id: held?.id ?? newId(),
        customerId: input.customerId,
        strategy: input.strategy as RoutingStrategy,
        maxRoutes: input.maxRoutes,
        minMarginKind: input.minMargin.kind as MarginKind,
        minMarginValue: input.minMargin.value,
        qualityFloor: input.qualityFloor && {
          minAsr: input.qualityFloor.minAsr?.toFixed() ?? null,
          minAcd: input.qualityFloor.minAcd?.toFixed() ?? null,
          minCalls: input.qualityFloor.minCalls,
          windowMinutes: input.qualityFloor.windowMinutes,
        },
        vendors: input.vendors.map((v) => ({ vendorId: v.vendorId, priority: v.priority, weight: v.weight })),
        overrides: input.overrides.map((o) => ({ prefix: o.prefix, vendorId: o.vendorId, action: o.action as OverrideAction })),
        effectiveFrom: input.effectiveFrom,
        effectiveTo: input.effectiveTo,
        createdAt: held?.createdAt ?? now,
        updatedAt: now,
        version: (held?.version ?? 0) + 1,
      });
      const after = await manager.save(plan);
      await this.audit(manager, principal, after, held ? "routing_plan.updated" : "routing_plan.created", before);
      return after;
    });
    await this.announce(saved.customerId);
    return saved;
  }

  /** Ends a plan at `at` (exclusive): calls from then on follow the customer's other plans, or the defaults. */
  async end(principal: Principal, id: string, at: Date): Promise<RoutingPlanEntity> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const held = await manager.findOne(RoutingPlanEntity, { where: { id }, lock: { mode: "pessimistic_write" } });
      if (!held) throw new NotFoundError("RoutingPlan", id);
      if (at.getTime() <= held.effectiveFrom.getTime()) throw new BadUserInputError([{ field: "at", message: `must be after the plan's effectiveFrom (${held.effectiveFrom.toISOString()})` }]);
      if (held.effectiveTo && at.getTime() >= held.effectiveTo.getTime()) throw new BadUserInputError([{ field: "at", message: `must be before the plan's end (${held.effectiveTo.toISOString()})` }]);
      const before = auditSnapshot(held);
      held.effectiveTo = at;
      held.updatedAt = new Date();
      held.version += 1;
      const after = await manager.save(held);
      await this.audit(manager, principal, after, "routing_plan.ended", before);
      return after;
    });
    await this.announce(saved.customerId);
    return saved;
  }

  private audit(manager: EntityManager, principal: Principal, plan: RoutingPlanEntity, action: string, before: Record<string, unknown> | null): Promise<void> {
    // A plan names vendors and margins: the hub's business, so the entry is for operators (no partnerId).
    return routingAudit.record(manager, principal, { entityType: AuditedEntity.ROUTING_PLAN, entityId: plan.id, partnerId: null, action, before, after: auditSnapshot(plan) });
  }

  private async announce(customerId: string): Promise<void> {
    if (this.listener) this.listener(customerId, (await this.forCustomer(customerId)).map(routingPlanOf));
  }
}
