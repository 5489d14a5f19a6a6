import { allocate } from "@intersettle/shared";
import type { Route, RoutingStrategy } from "./route-types";

/** A route on its way into the answer, with what ordering needs beyond the route itself. */
export interface Ranked {
  route: Route;
  code: string;
  /** A PREFER override names the vendor: it goes ahead of every route not preferred. */
  preferred: boolean;
  /** Quality measured over enough calls to rank by its score. */
  judged: boolean;
}

type Compare = (a: Ranked, b: Ranked) => number;

const preference: Compare = (a, b) => Number(b.preferred) - Number(a.preferred);
const cost: Compare = (a, b) => a.route.cost.comparedTo(b.route.cost);
const priority: Compare = (a, b) => a.route.priority - b.route.priority;
const weight: Compare = (a, b) => b.route.weight - a.route.weight;
// Codes are unique per partner; the id settles the impossible tie so the order never depends on input order.
const vendor: Compare = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.route.vendorId < b.route.vendorId ? -1 : a.route.vendorId > b.route.vendorId ? 1 : 0);
/** Judged routes by score, best first; the rest after them, left to the next keys (cost first). */
const score: Compare = (a, b) => Number(b.judged) - Number(a.judged) || (a.judged ? b.route.quality!.score!.comparedTo(a.route.quality!.score!) : 0);

function chain(...keys: Compare[]): Compare {
  return (a, b) => {
    for (const key of keys) {
      const c = key(a, b);
      if (c !== 0) return c;
    }
    return 0;
  };
}

/** Each strategy's order; every one ends on the vendor code, so equal routes always come out the same way. */
export const ROUTE_ORDER: Record<RoutingStrategy, Compare> = {
  LCR: chain(preference, cost, priority, weight, vendor),
  PRIORITY: chain(preference, priority, cost, weight, vendor),
  QUALITY: chain(preference, score, cost, priority, weight, vendor),
  WEIGHTED: chain(preference, cost, weight, priority, vendor),
};

const HUNDRED = 100;
const preferred = (route: Route) => route.override === "PREFER";

/**
 * WEIGHTED load share: routes of equal cost (and equal preference) share calls by weight, as percents rounded to
 * 2 places that add up to exactly 100 per group (largest remainder). A group whose weights are all 0 shares
 * equally: its routes are still the cheapest, and a switch needs some split.
 */
export function assignShares(routes: Route[]): void {
  for (let start = 0; start < routes.length; ) {
    let end = start + 1;
    while (end < routes.length && routes[end].cost.equals(routes[start].cost) && preferred(routes[end]) === preferred(routes[start])) end++;
    const group = routes.slice(start, end);
    const weights = group.map((r) => r.weight);
    const shares = allocate(HUNDRED, weights.some((w) => w > 0) ? weights : weights.map(() => 1), 2);
    group.forEach((r, i) => (r.share = shares[i]));
    start = end;
  }
}
