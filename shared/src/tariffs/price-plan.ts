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

/** Whether one of the partner's agreements covers `service` at `atMs`; asked only about plans that name an agreement. */
export type AgreementInForce = (agreementId: string, service: RatedService, atMs: number) => boolean;

/** One scope's plans, most specific then latest first, with their periods as numbers for the per-call comparison. */
interface PlanList<T> {
  entries: T[];
  fromMs: Float64Array;
  /** Infinity: open. */
  toMs: Float64Array;
  /** The common case, a scope with its default plan alone: chosen by one comparison of its period. */
  onlyDefault: T | null;
}

/**
 * Every partner's plans, indexed for the millions of lookups a rating job makes: nested maps (no key strings
 * built per call), each list sorted most specific first, then latest start first, so the first match wins.
 * Entries may carry more than a plan (`T`): rating hangs each plan's priced card on it, so a choice is the card.
 */
export class PricePlanBook<T extends PricePlanEntry = PricePlanEntry> {
  private readonly plans = new Map<string, Record<PriceDirection, Map<string, PlanList<T>>>>();

  constructor(entries: Iterable<T>) {
    for (const e of entries) {
      let byDirection = this.plans.get(e.partnerId);
      if (!byDirection) this.plans.set(e.partnerId, (byDirection = { SELL: new Map(), BUY: new Map() }));
      const list = byDirection[e.direction].get(e.service);
      if (list) list.entries.push(e);
      else byDirection[e.direction].set(e.service, { entries: [e], fromMs: new Float64Array(0), toMs: new Float64Array(0), onlyDefault: null });
    }
    for (const byDirection of this.plans.values()) {
      for (const lists of [byDirection.SELL, byDirection.BUY]) {
        for (const list of lists.values()) {
          list.entries.sort((a, b) => pricePlanRank(b) - pricePlanRank(a) || b.effectiveFrom.getTime() - a.effectiveFrom.getTime());
          list.fromMs = Float64Array.from(list.entries, (e) => e.effectiveFrom.getTime());
          list.toMs = Float64Array.from(list.entries, (e) => e.effectiveTo?.getTime() ?? Infinity);
          list.onlyDefault = list.entries.length === 1 && pricePlanRank(list.entries[0]) === 0 ? list.entries[0] : null;
        }
      }
    }
  }

  /** Every plan of one partner, direction and service, most specific and latest first. */
  entries(partnerId: string, direction: PriceDirection, service: RatedService): readonly T[] {
    return this.plans.get(partnerId)?.[direction].get(service)?.entries ?? [];
  }

  /** The plan that prices usage at `query.at`: the most specific one in force; undefined when none is. */
  choose(query: PricePlanQuery): T | undefined {
    const ids = query.agreementIds;
    return this.chooseAt(query.partnerId, query.direction, query.service, query.at.getTime(), query.trunkMappingId ?? null, ids && ((id) => ids.includes(id)));
  }

  /**
   * `choose` without a query object, for rating's hot path: nothing is allocated, and a scope with its default plan
   * alone costs the map lookups and one comparison. `agreementInForce` absent: no agreement is in force.
   */
  chooseAt(partnerId: string, direction: PriceDirection, service: RatedService, atMs: number, trunkMappingId: string | null, agreementInForce?: AgreementInForce): T | undefined {
    const list = this.plans.get(partnerId)?.[direction].get(service);
    if (!list) return undefined;
    const { entries, fromMs, toMs, onlyDefault } = list;
    if (onlyDefault !== null) return atMs >= fromMs[0] && atMs < toMs[0] ? onlyDefault : undefined;
    for (let i = 0; i < entries.length; i++) {
      if (atMs < fromMs[i] || atMs >= toMs[i]) continue;
      const e = entries[i];
      if (e.trunkMappingId !== null && e.trunkMappingId !== trunkMappingId) continue;
      if (e.agreementId !== null && !agreementInForce?.(e.agreementId, service, atMs)) continue;
      return e;
    }
    return undefined;
  }

  /** Every card any plan names (the cards a job or an index must load). */
  rateCardIds(): Set<string> {
    const ids = new Set<string>();
    for (const byDirection of this.plans.values()) for (const lists of [byDirection.SELL, byDirection.BUY]) for (const list of lists.values()) for (const e of list.entries) ids.add(e.rateCardId);
    return ids;
  }
}
