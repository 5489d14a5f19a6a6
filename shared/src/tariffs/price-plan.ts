import type { RatedService } from "./rate-plan";

export type PriceDirection = "SELL" | "BUY";

/**
 * Which card prices a partner's usage in one direction and service, from when until when. A plan names a
 * trunk mapping (calls seen on that mapping), an agreement (usage while that agreement is in force), or
 * neither: the partner's default.
 */
export interface PricePlanEntry {
  id: string;
  partnerId: string;
  direction: PriceDirection;
  service: RatedService;
  rateCardId: string;
  trunkMappingId: string | null;
  agreementId: string | null;
  effectiveFrom: Date;
  /** Exclusive; null: open. */
  effectiveTo: Date | null;
}

export interface PricePlanQuery {
  partnerId: string;
  direction: PriceDirection;
  service: RatedService;
  at: Date;
  /** The mapping that identified the partner on the call, when there was one. */
  trunkMappingId?: string | null;
  /** The partner's agreements in force at `at` that cover the service. */
  agreementIds?: readonly string[];
}

/** How specific a plan is: a trunk mapping's override beats an agreement's, which beats the default. */
export function pricePlanRank(entry: Pick<PricePlanEntry, "trunkMappingId" | "agreementId">): number {
  return entry.trunkMappingId ? 2 : entry.agreementId ? 1 : 0;
}

export function pricePlanInForce(entry: PricePlanEntry, atMs: number): boolean {
  return entry.effectiveFrom.getTime() <= atMs && (entry.effectiveTo === null || atMs < entry.effectiveTo.getTime());
}

/**
 * Every partner's plans, indexed for the millions of lookups a rating job makes: nested maps (no key strings
 * built per call), each list sorted most specific first, then latest start first, so the first match wins.
 */
export class PricePlanBook {
  private readonly plans = new Map<string, Record<PriceDirection, Map<string, PricePlanEntry[]>>>();

  constructor(entries: Iterable<PricePlanEntry>) {
    for (const e of entries) {
      let byDirection = this.plans.get(e.partnerId);
      if (!byDirection) this.plans.set(e.partnerId, (byDirection = { SELL: new Map(), BUY: new Map() }));
      const list = byDirection[e.direction].get(e.service);
      if (list) list.push(e);
      else byDirection[e.direction].set(e.service, [e]);
    }
    for (const byDirection of this.plans.values()) {
      for (const lists of [byDirection.SELL, byDirection.BUY]) {
        for (const list of lists.values()) list.sort((a, b) => pricePlanRank(b) - pricePlanRank(a) || b.effectiveFrom.getTime() - a.effectiveFrom.getTime());
      }
    }
  }

  /** Every plan of one partner, direction and service, most specific and latest first. */
  entries(partnerId: string, direction: PriceDirection, service: RatedService): readonly PricePlanEntry[] {
    return this.plans.get(partnerId)?.[direction].get(service) ?? [];
  }

  /** The plan that prices usage at `query.at`: the most specific one in force; undefined when none is. */
  choose(query: PricePlanQuery): PricePlanEntry | undefined {
    const atMs = query.at.getTime();
    for (const e of this.entries(query.partnerId, query.direction, query.service)) {
      if (!pricePlanInForce(e, atMs)) continue;
      if (e.trunkMappingId !== null && e.trunkMappingId !== query.trunkMappingId) continue;
      if (e.agreementId !== null && !query.agreementIds?.includes(e.agreementId)) continue;
      return e;
    }
    return undefined;
  }

  /** Every card any plan names (the cards a job or an index must load). */
  rateCardIds(): Set<string> {
    const ids = new Set<string>();
    for (const byDirection of this.plans.values()) for (const lists of [byDirection.SELL, byDirection.BUY]) for (const list of lists.values()) for (const e of list) ids.add(e.rateCardId);
    return ids;
  }
}
