import { allocate, type Decimal } from "@intersettle/shared";
import { approxOrder } from "./figures";
import type { Route, RouteQuality, RoutingStrategy } from "./route-types";

/** What ordering needs to know of a vendor that can carry the call (a route is built only for those kept). */
export interface Ranked {
  vendorId: string;
  code: string;
  /** The cost in the sell currency as a float, which settles most comparisons… */
  approx: number;
  /** …and exactly, worked out when they are too close to call (and for the routes kept). */
  exactCost(): Decimal;
  priority: number;
  weight: number;
  /** A PREFER override names the vendor: it goes ahead of every route not preferred. */
  preferred: boolean;
  quality: RouteQuality | null;
  /** Quality measured over enough calls to rank by its score. */
  judged: boolean;
}

type Compare = (a: Ranked, b: Ranked) => number;

const preference: Compare = (a, b) => Number(b.preferred) - Number(a.preferred);
const cost: Compare = (a, b) => approxOrder(a.approx, b.approx) || a.exactCost().comparedTo(b.exactCost());
const priority: Compare = (a, b) => a.priority - b.priority;
const weight: Compare = (a, b) => b.weight - a.weight;
// Codes are unique per partner; the id settles the impossible tie so the order never depends on input order.
const vendor: Compare = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.vendorId < b.vendorId ? -1 : a.vendorId > b.vendorId ? 1 : 0);
/** Judged routes by score, best first; the rest after them, left to the next keys (cost first). */
const score: Compare = (a, b) => Number(b.judged) - Number(a.judged) || (a.judged ? b.quality!.score!.comparedTo(a.quality!.score!) : 0);

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
