import { Decimal, isDigits, type FieldProblem } from "@intersettle/shared";
import type { OverrideAction, RoutingPlan, RoutingStrategy } from "../../domain/route-types";
import type { RoutingPlanEntity } from "../../entities";

/** What a routing plan decides, without whose or when: a saved plan's terms, or a draft simulated. */
export interface PlanTerms {
  strategy: RoutingStrategy;
  maxRoutes: number;
  minMargin: { kind: "FIXED" | "PERCENT"; value: Decimal };
  qualityFloor: { minAsr: Decimal | null; minAcd: Decimal | null; minCalls: number; windowMinutes: number } | null;
  vendors: Array<{ vendorId: string; priority: number; weight: number }>;
  overrides: Array<{ prefix: string; vendorId: string; action: OverrideAction }>;
}

export const MAX_ROUTES = 50;
export const MAX_PREFIX_DIGITS = 15;
/** A floor's window: at least one bucket, at most the week quality is kept. */
const WINDOW_MINUTES = { min: 5, max: 7 * 1440 };

/** Every rule a plan's terms break, each naming its field; vendor ids are checked against the partners separately. */
export function termsProblems(terms: PlanTerms, at = ""): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field: `${at}${field}`, message });
  if (!Number.isInteger(terms.maxRoutes) || terms.maxRoutes < 1 || terms.maxRoutes > MAX_ROUTES) problem("maxRoutes", `must be from 1 to ${MAX_ROUTES}`);
  if (terms.minMargin.value.isNegative()) problem("minMargin.value", "must be at least 0");
  if (terms.minMargin.kind === "PERCENT" && terms.minMargin.value.gt(100)) problem("minMargin.value", "a percent must be at most 100");
  const floor = terms.qualityFloor;
  if (floor) {
    if (floor.minAsr && (floor.minAsr.isNegative() || floor.minAsr.gt(100))) problem("qualityFloor.minAsr", "must be a percent from 0 to 100");
    if (floor.minAcd?.isNegative()) problem("qualityFloor.minAcd", "must be at least 0 seconds");
    if (!floor.minAsr && !floor.minAcd) problem("qualityFloor", "sets neither minAsr nor minAcd");
    if (!Number.isInteger(floor.minCalls) || floor.minCalls < 1) problem("qualityFloor.minCalls", "must be at least 1");
    if (!Number.isInteger(floor.windowMinutes) || floor.windowMinutes < WINDOW_MINUTES.min || floor.windowMinutes > WINDOW_MINUTES.max) {
      problem("qualityFloor.windowMinutes", `must be from ${WINDOW_MINUTES.min} to ${WINDOW_MINUTES.max}`);
    }
  }
  const listed = new Set<string>();
  terms.vendors.forEach((v, i) => {
    if (listed.has(v.vendorId)) problem(`vendors.${i}.vendorId`, "is listed twice");
    listed.add(v.vendorId);
    if (!Number.isInteger(v.priority) || v.priority < 0) problem(`vendors.${i}.priority`, "must be a whole number at least 0");
    if (!Number.isInteger(v.weight) || v.weight < 0) problem(`vendors.${i}.weight`, "must be a whole number at least 0");
  });
  const overridden = new Set<string>();
  terms.overrides.forEach((o, i) => {
    if (!isDigits(o.prefix) || o.prefix.length === 0 || o.prefix.length > MAX_PREFIX_DIGITS) problem(`overrides.${i}.prefix`, `must be 1 to ${MAX_PREFIX_DIGITS} digits`);
    if (overridden.has(`${o.prefix}/${o.vendorId}`)) problem(`overrides.${i}`, "overrides the same vendor for the same prefix twice");
    overridden.add(`${o.prefix}/${o.vendorId}`);
  });
  return problems;
}

/** The vendors a plan names, with the field naming each (for "no such partner" problems). */
export function namedVendors(terms: PlanTerms, at = ""): Array<{ vendorId: string; field: string }> {
  return [
    ...terms.vendors.map((v, i) => ({ vendorId: v.vendorId, field: `${at}vendors.${i}.vendorId` })),
    ...terms.overrides.map((o, i) => ({ vendorId: o.vendorId, field: `${at}overrides.${i}.vendorId` })),
  ];
}

/** A saved plan as the index reads it. */
export function routingPlanOf(plan: RoutingPlanEntity): RoutingPlan {
  const floor = plan.qualityFloor;
  return {
    id: plan.id,
    customerId: plan.customerId,
    strategy: plan.strategy,
    maxRoutes: plan.maxRoutes,
    minMargin: { kind: plan.minMarginKind, value: plan.minMarginValue },
    qualityFloor: floor && { minAsr: decimalOrNull(floor.minAsr), minAcd: decimalOrNull(floor.minAcd), minCalls: floor.minCalls, windowMinutes: floor.windowMinutes },
    vendors: plan.vendors.map((v) => ({ vendorId: v.vendorId, priority: v.priority, weight: v.weight })),
    overrides: plan.overrides.map((o) => ({ prefix: o.prefix, vendorId: o.vendorId, action: o.action })),
    effectiveFrom: plan.effectiveFrom,
    effectiveTo: plan.effectiveTo,
  };
}

/** A draft's terms as a plan in force for `customerId` at every instant (simulation). */
export function draftPlan(customerId: string, terms: PlanTerms): RoutingPlan {
  return { id: "draft", customerId, ...terms, effectiveFrom: new Date(0), effectiveTo: null };
}

function decimalOrNull(text: string | null): Decimal | null {
  return text === null ? null : new Decimal(text);
}
