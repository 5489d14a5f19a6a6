import type { FieldProblem } from "@intersettle/shared";

/**
 * The plans of one scope (partner, direction, service, trunk mapping, agreement) never overlap, so that within a scope
 * there is never a choice to make. These rules keep it so when a plan is set or ended.
 */
export interface PlanPeriod {
  id: string;
  effectiveFrom: Date;
  /** Exclusive; null: open. Equal to effectiveFrom: withdrawn, never in force. */
  effectiveTo: Date | null;
}

/** Half-open periods share an instant; an empty (withdrawn) period overlaps nothing. */
export function periodsOverlap(a: PlanPeriod, b: PlanPeriod): boolean {
  const aTo = a.effectiveTo?.getTime() ?? Infinity;
  const bTo = b.effectiveTo?.getTime() ?? Infinity;
  const aFrom = a.effectiveFrom.getTime();
  const bFrom = b.effectiveFrom.getTime();
  return aFrom < aTo && bFrom < bTo && aFrom < bTo && bFrom < aTo;
}

export type ScopeChange = { end: PlanPeriod | null } | { problem: FieldProblem };

/**
 * What setting `proposed` does to its scope's plans: the scope's open plan that began earlier ends where the new one
 * begins (a new card from a date). A new plan with an end inside such an open plan is refused rather than leaving the
 * scope without a plan after it; any other overlap is refused too, naming the plan in the way.
 */
export function scopeChange(existing: PlanPeriod[], proposed: PlanPeriod): ScopeChange {
  const from = proposed.effectiveFrom.getTime();
  const superseded = existing.find((e) => e.effectiveTo === null && e.effectiveFrom.getTime() < from) ?? null;
  if (superseded && proposed.effectiveTo !== null) {
    return {
      problem: {
        field: "effectiveTo",
        message: `plan ${superseded.id}, open since ${iso(superseded.effectiveFrom)}, would end at effectiveFrom and leave no plan after effectiveTo; leave effectiveTo empty and set the plan that follows it afterwards`,
      },
    };
  }
  const blocking = existing.find((e) => e !== superseded && periodsOverlap(e, proposed));
  if (blocking) return { problem: { field: "effectiveFrom", message: overlapMessage(blocking) } };
  return { end: superseded };
}

/** Problems with ending (or withdrawing, at its start) `plan` at `at`; moving an end later must not reach another plan. */
export function endProblems(plan: PlanPeriod, others: PlanPeriod[], at: Date): FieldProblem[] {
  if (at.getTime() < plan.effectiveFrom.getTime()) return [{ field: "at", message: `must not be before the plan's effectiveFrom (${iso(plan.effectiveFrom)}); ending it at its effectiveFrom withdraws it` }];
  const blocking = others.find((o) => o.id !== plan.id && periodsOverlap(o, { ...plan, effectiveTo: at }));
  return blocking ? [{ field: "at", message: overlapMessage(blocking) }] : [];
}

function overlapMessage(p: PlanPeriod): string {
  return `overlaps plan ${p.id} (${iso(p.effectiveFrom)} to ${p.effectiveTo ? iso(p.effectiveTo) : "open"}) of the same partner, direction, service, trunk mapping and agreement; end or withdraw that plan first (endPricePlan)`;
}

const iso = (d: Date) => d.toISOString();
