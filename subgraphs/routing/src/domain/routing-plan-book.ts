import { PrefixIndex } from "@intersettle/shared";
import type { RoutingPlan } from "./route-types";

export type RouteOverride = RoutingPlan["overrides"][number];

/** A routing plan made ready for lookups: vendor terms by id, overrides in a trie, dates as milliseconds. */
export interface CompiledPlan {
  plan: RoutingPlan;
  terms: Map<string, { priority: number; weight: number }>;
  /** null when the plan has no overrides: most lookups skip the walk. */
  overrides: PrefixIndex<RouteOverride[]> | null;
  fromMs: number;
  toMs: number;
}

/** Vendors the plan does not list. */
export const DEFAULT_TERMS = { priority: 100, weight: 1 } as const;

/** Every customer's routing plans, latest start first, so the first one in force wins where two overlap. */
export class RoutingPlanBook {
  private readonly byCustomer = new Map<string, CompiledPlan[]>();

  constructor(plans: Iterable<RoutingPlan>) {
    this.replace(plans);
  }

  /** Replaces every plan, or only one customer's when `customerId` is given. */
  replace(plans: Iterable<RoutingPlan>, customerId?: string): void {
    if (customerId === undefined) this.byCustomer.clear();
    else this.byCustomer.delete(customerId);
    for (const plan of plans) {
      if (customerId !== undefined && plan.customerId !== customerId) continue;
      const list = this.byCustomer.get(plan.customerId) ?? [];
      list.push(compile(plan));
      this.byCustomer.set(plan.customerId, list);
    }
    for (const list of this.byCustomer.values()) list.sort((a, b) => b.fromMs - a.fromMs || (a.plan.id < b.plan.id ? -1 : 1));
  }

  /** The customer's plan in force at `atMs` (effectiveTo exclusive). */
  inForce(customerId: string, atMs: number): CompiledPlan | undefined {
    const list = this.byCustomer.get(customerId);
    if (list) for (const p of list) if (p.fromMs <= atMs && atMs < p.toMs) return p;
    return undefined;
  }
}

function compile(plan: RoutingPlan): CompiledPlan {
  const terms = new Map(plan.vendors.map((v) => [v.vendorId, { priority: v.priority, weight: v.weight }]));
  let overrides: PrefixIndex<RouteOverride[]> | null = null;
  for (const o of plan.overrides) {
    overrides ??= new PrefixIndex();
    const list = overrides.get(o.prefix);
    if (list) list.push(o);
    else overrides.set(o.prefix, [o]);
  }
  return { plan, terms, overrides, fromMs: plan.effectiveFrom.getTime(), toMs: plan.effectiveTo?.getTime() ?? Infinity };
}

/**
 * Fills `into` with each vendor's override for the number: the longest override prefix naming that vendor wins
 * (matches are visited shortest first, so a longer one overwrites). Returns a FORCE among them, if any: then
 * only forced vendors may carry the call.
 */
export function overridesFor(plan: CompiledPlan, digits: string, into: Map<string, RouteOverride>): RouteOverride | undefined {
  into.clear();
  if (!plan.overrides) return undefined;
  plan.overrides.forEachMatch(digits, record, into);
  for (const o of into.values()) if (o.action === "FORCE") return o;
  return undefined;
}

function record(list: RouteOverride[], _length: number, into: Map<string, RouteOverride>): void {
  for (const o of list) into.set(o.vendorId, o);
}
