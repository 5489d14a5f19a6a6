import { dialledDigits, PricePlanBook, type FxHistory, type PricePlanEntry, type RatedService, type RatingCard } from "@intersettle/shared";
import { CardRates } from "./card-rates";
import { approxOrder, costCeiling, figure } from "./figures";
import { FxDay, utcDay, type FxRate } from "./fx-day";
import { dayText, PartnerStanding } from "./partner-standing";
import { prefixUnion } from "./prefix-union";
import { assignShares, ROUTE_ORDER } from "./route-order";
import { judged, measureQuality, underFloor } from "./route-quality";
import { overridesFor, RoutingPlanBook, type RouteOverride } from "./routing-plan-book";
import { Candidate, drop, noRate, type IndexedCard, type Lookup } from "./vendor-candidate";
import type { DroppedVendor, LoadedCard, QualityFloor, QualityLookup, RouteAnswer, RouteRequest, RoutingPartner, RoutingPlan, RoutingSnapshot, UnroutableReason } from "./route-types";

export interface RoutingIndexOptions {
  /** The floor for customers whose plan sets none (or who have no plan); null or absent: no floor. */
  defaultQualityFloor?: QualityFloor | null;
  /** The quality window when QUALITY ordering runs without any floor; 60 minutes unless set. */
  qualityWindowMinutes?: number;
}

/** One row of an LCR table: a prefix, the customer's sell rate for it and the routes a switch should try in order. */
export interface LcrRow {
  prefix: string;
  destination: string;
  sell: RouteAnswer["sell"];
  routes: RouteAnswer["routes"];
}

/** A partner with a BUY plan for a service: a candidate for every call of that service. */
interface Vendor {
  id: string;
  standing: PartnerStanding | undefined;
}

const VENDOR_DROP = { BLOCKED: "VENDOR_BLOCKED", SUSPENDED: "VENDOR_SUSPENDED", TERMINATED: "VENDOR_TERMINATED" } as const;
const CUSTOMER_UNROUTABLE = { BLOCKED: "CUSTOMER_BLOCKED", SUSPENDED: "CUSTOMER_SUSPENDED", TERMINATED: "CUSTOMER_TERMINATED" } as const;
const NO_VENDORS: Vendor[] = [];

/**
 * Answers "where do I send this call?" from memory: every card, price plan, partner standing, routing plan and
 * exchange rate, kept current by the update methods as events arrive. Lookups are synchronous and never wait.
 */
export class RoutingIndex {
  private readonly partners = new Map<string, PartnerStanding>();
  private readonly cards = new Map<string, IndexedCard>();
  private priceEntries: PricePlanEntry[];
  private book: PricePlanBook;
  /** Per service, every partner with a BUY plan, by code: the candidates a lookup walks. */
  private buyers = new Map<RatedService, Vendor[]>();
  private readonly plans: RoutingPlanBook;
  private fx: FxDay;
  private hubCurrency: string;
  private readonly quality: QualityLookup;
  private readonly defaultFloor: QualityFloor | null;
  private readonly qualityWindowMinutes: number;
  /** Each vendor's override for the number being routed; one map reused by every lookup. */
  private readonly overrides = new Map<string, RouteOverride>();

  constructor(snapshot: RoutingSnapshot, options: RoutingIndexOptions = {}) {
    for (const partner of snapshot.partners.values()) this.partners.set(partner.id, new PartnerStanding(partner));
    for (const card of snapshot.cards.values()) this.cards.set(card.id, { loaded: card, rates: new CardRates(card.card) });
    this.priceEntries = [...snapshot.pricePlans];
    this.book = new PricePlanBook(this.priceEntries);
    this.plans = new RoutingPlanBook(snapshot.plans);
    this.hubCurrency = snapshot.hubCurrency;
    this.fx = new FxDay(snapshot.fx, snapshot.hubCurrency);
    this.quality = snapshot.quality;
    this.defaultFloor = options.defaultQualityFloor ?? null;
    this.qualityWindowMinutes = options.qualityWindowMinutes ?? 60;
    this.indexBuyers();
  }

  // ---- updates, one per event; each rebuilds only what it changes ----

  /** A card published (a new version) or reloaded. An older version than the one held is ignored: false. */
  replaceCard(card: LoadedCard): boolean {
    const held = this.cards.get(card.id);
    if (held && held.loaded.version > card.version) return false;
    this.cards.set(card.id, { loaded: card, rates: new CardRates(card.card) });
    return true;
  }

  removeCard(cardId: string): boolean {
    return this.cards.delete(cardId);
  }

  /** Every price plan, or only one partner's when `partnerId` is given (a `price_plan.changed` event's key). */
  replacePricePlans(entries: Iterable<PricePlanEntry>, partnerId?: string): void {
    const kept = partnerId === undefined ? [] : this.priceEntries.filter((e) => e.partnerId !== partnerId);
    for (const e of entries) if (partnerId === undefined || e.partnerId === partnerId) kept.push(e);
    this.priceEntries = kept;
    this.book = new PricePlanBook(kept);
    this.indexBuyers();
  }

  /** A partner created or changed (status, agreements, code, timezone…), from the `partners` or `credit` topic. */
  upsertPartner(partner: RoutingPartner): void {
    const before = this.partners.get(partner.id);
    const standing = new PartnerStanding(partner);
    this.partners.set(partner.id, standing);
    const reorder = before?.partner.code !== partner.code;
    for (const vendors of this.buyers.values()) {
      for (const v of vendors) if (v.id === partner.id) v.standing = standing;
    }
    if (reorder) for (const vendors of this.buyers.values()) vendors.sort(byCode);
  }

  /** Only a status change (a `credit` event blocking or unblocking); false when the partner is unknown. */
  setPartnerStatus(partnerId: string, status: RoutingPartner["status"]): boolean {
    const standing = this.partners.get(partnerId);
    if (!standing) return false;
    this.upsertPartner({ ...standing.partner, status });
    return true;
  }

  /** Every routing plan, or only one customer's when `customerId` is given. */
  replaceRoutingPlans(plans: Iterable<RoutingPlan>, customerId?: string): void {
    this.plans.replace(plans, customerId);
  }

  replaceFx(fx: FxHistory, hubCurrency = this.hubCurrency): void {
    this.hubCurrency = hubCurrency;
    this.fx = new FxDay(fx, hubCurrency);
  }

  // ---- lookups ----

  routes(request: RouteRequest): RouteAnswer {
    const { customerId, number, at, service } = request;
    const digits = dialledDigits(number);
    const answer: RouteAnswer = { customerId, number, digits, at, sell: null, routes: [], dropped: [], unroutable: null };
    if (digits.length === 0) return unroutable(answer, "NO_DIGITS", `'${number}' has no digits to route on`);
    const customer = this.partners.get(customerId);
    if (!customer) return unroutable(answer, "UNKNOWN_CUSTOMER", `no partner ${customerId} is known to routing`);
    const status = customer.partner.status;
    if (status !== "ACTIVE") return unroutable(answer, CUSTOMER_UNROUTABLE[status], `customer ${customer.partner.code} is ${status}`);
    const sell = this.sellRate(customer, digits, at, service);
    if (typeof sell === "string") return unroutable(answer, "NO_SELL_RATE", sell);
    const { loaded, row } = sell;
    answer.sell = { rateCardId: loaded.id, prefix: row.prefix, destination: row.destination, rate: row.rate, currency: loaded.currency };
    this.rank(answer, this.lookup(customerId, digits, at, service, sell), request.limit);
    if (answer.routes.length === 0) {
      const detail = answer.dropped.length === 0 ? `no vendor has a BUY plan for ${service} in force at ${at.toISOString()}` : `all ${answer.dropped.length} vendors dropped`;
      answer.unroutable = { reason: "NO_ROUTES", detail };
    }
    return answer;
  }

  /**
   * The LCR table of a customer at an instant: per prefix of its sell card and of the vendors' cards its routing
   * can use (in ascending order), the sell rate and the routes, each row computed as `routes` would for a number
   * equal to the prefix. A row's destination is the name a card holding that very prefix gives it (the sell card's
   * first): 447's row says "UK Mobile" even when the sell card only has 44 "UK". Rows are computed as they are
   * pulled, each from the index as it stands then. Nothing for an unknown customer.
   */
  *lcrTable(customerId: string, at: Date, service: RatedService): Generator<LcrRow> {
    const customer = this.partners.get(customerId);
    if (!customer) return;
    const cards: RatingCard[] = [];
    const sell = this.chosenCard(customer, "SELL", service, at);
    if (sell) cards.push(sell.loaded.card);
    for (const vendor of this.buyers.get(service) ?? NO_VENDORS) {
      const standing = vendor.standing;
      if (vendor.id === customerId || !standing || standing.partner.status !== "ACTIVE" || !this.buysAt(vendor.id, service, at.getTime())) continue;
      const card = this.chosenCard(standing, "BUY", service, at);
      if (card && standing.carries(service, at)) cards.push(card.loaded.card);
    }
    for (const { prefix, destination } of prefixUnion(cards, at.getTime())) {
      const answer = this.routes({ customerId, number: prefix, at, limit: Infinity, service });
      yield { prefix, destination, sell: answer.sell, routes: answer.routes };
    }
  }

  // ---- the work of one lookup ----

  private sellRate(customer: PartnerStanding, digits: string, at: Date, service: RatedService): Lookup["sell"] | string {
    const card = this.chosenCard(customer, "SELL", service, at);
    if (!card) return `no SELL card for ${service} in force at ${at.toISOString()} (or it is not loaded)`;
    const found = card.rates.find(digits, at);
    return found >= 0 ? { loaded: card.loaded, row: card.rates.row(found) } : `${noRate(card.loaded, digits, at)}: no sell rate, so no margin to protect`;
  }

  /** The card the partner's price plan chooses (the choice rating makes), if it is loaded. */
  private chosenCard(standing: PartnerStanding, direction: "SELL" | "BUY", service: RatedService, at: Date): IndexedCard | undefined {
    const entry = this.book.choose({ partnerId: standing.id, direction, service, at, agreementIds: standing.pricingAgreements(service, at) });
    return entry && this.cards.get(entry.rateCardId);
  }

  private lookup(customerId: string, digits: string, at: Date, service: RatedService, sell: Lookup["sell"]): Lookup {
    const atMs = at.getTime();
    const plan = this.plans.inForce(customerId, atMs);
    const floor = plan?.plan.qualityFloor ?? this.defaultFloor;
    const measured = floor !== null || plan?.plan.strategy === "QUALITY";
    const windowMinutes = floor?.windowMinutes ?? this.qualityWindowMinutes;
    const forcing = plan ? overridesFor(plan, digits, this.overrides) : undefined;
    const ceiling = costCeiling(sell.row.rate, plan?.plan.minMargin ?? null);
    if (!plan) this.overrides.clear();
    return {
      customerId, digits, at, atMs, day: utcDay(at), service, sell, floor, plan, forcing,
      ceiling, ceilingApprox: ceiling.ceiling.toNumber(),
      qualityFrom: measured ? new Date(atMs - windowMinutes * 60_000) : undefined,
    };
  }

  private rank(answer: RouteAnswer, q: Lookup, requested: number): void {
    const ranked: Candidate[] = [];
    for (const vendor of this.buyers.get(q.service) ?? NO_VENDORS) {
      if (!this.buysAt(vendor.id, q.service, q.atMs)) continue;
      const judged = this.judge(vendor, q);
      if (judged instanceof Candidate) ranked.push(judged);
      else answer.dropped.push(judged);
    }
    ranked.sort(ROUTE_ORDER[q.plan?.plan.strategy ?? "LCR"]);
    const cap = Math.max(0, Math.min(requested, q.plan?.plan.maxRoutes ?? Infinity));
    const sell = q.sell.row.rate;
    for (let i = 0; i < ranked.length; i++) {
      const c = ranked[i];
      if (i >= cap) {
        answer.dropped.push(drop(c.vendorId, "OVER_LIMIT", `route ${i + 1} of ${ranked.length}; at most ${cap} routes`));
        continue;
      }
      const { loaded, rates } = c.card;
      const row = rates.row(c.found);
      const cost = c.exactCost();
      answer.routes.push({
        vendorId: c.vendorId, rateCardId: loaded.id, prefix: row.prefix, destination: row.destination, rate: row.rate, currency: loaded.currency,
        cost, margin: sell.minus(cost), priority: c.priority, weight: c.weight, share: null, quality: c.quality, override: c.override,
      });
    }
    if (q.plan?.plan.strategy === "WEIGHTED") assignShares(answer.routes);
  }

  /** A vendor that can carry the call, ready to be ordered, or why it cannot (cheap checks first). */
  private judge(vendor: Vendor, q: Lookup): Candidate | DroppedVendor {
    const id = vendor.id;
    if (id === q.customerId) return drop(id, "SAME_PARTNER", "the customer itself: a call is never routed back to its sender");
    const override = q.plan?.overrides ? this.overrides.get(id) : undefined;
    if (override?.action === "BLOCK") return drop(id, "BLOCKED_BY_OVERRIDE", `routing plan blocks this vendor for prefix ${override.prefix}`);
    if (q.forcing && override?.action !== "FORCE") return drop(id, "NOT_FORCED", `routing plan forces other vendors for prefix ${q.forcing.prefix}`);
    const standing = vendor.standing;
    if (!standing) return drop(id, "NO_VALID_AGREEMENT", `partner ${id} is unknown to routing, so are its agreements`);
    const status = standing.partner.status;
    if (status !== "ACTIVE") return drop(id, VENDOR_DROP[status], `vendor ${standing.partner.code} is ${status}`);
    if (!standing.carries(q.service, q.at)) return drop(id, "NO_VALID_AGREEMENT", `no ACTIVE agreement covering ${q.service} on ${dayText(standing.localDay(q.at))} (${standing.partner.timezone})`);
    const entry = this.book.choose({ partnerId: id, direction: "BUY", service: q.service, at: q.at, agreementIds: standing.pricingAgreements(q.service, q.at) });
    const card = entry && this.cards.get(entry.rateCardId);
    if (!card) return drop(id, "NO_RATE", entry ? `BUY card ${entry.rateCardId} is not loaded` : `no BUY card for ${q.service} under the agreements in force at ${q.at.toISOString()}`);
    const { loaded, rates } = card;
    const found = rates.find(q.digits, q.at);
    if (found < 0) return drop(id, "NO_RATE", noRate(loaded, q.digits, q.at));

    const sellCurrency = q.sell.loaded.currency;
    let fx: FxRate | null = null;
    if (loaded.currency !== sellCurrency) {
      fx = this.fx.rate(loaded.currency, sellCurrency, q.day) ?? null;
      if (!fx) return drop(id, "NO_FX_RATE", `no ${loaded.currency}→${sellCurrency} exchange rate on ${q.at.toISOString().slice(0, 10)} (UTC)`);
    }
    const candidate = new Candidate(id, standing.partner.code, card, found, fx, fx ? rates.approx[found] * fx.approx : rates.approx[found], q);
    // Most costs are clearly under or over the ceiling by their floats; only a close one is compared exactly.
    const side = approxOrder(candidate.approx, q.ceilingApprox);
    if (side > 0 || (side === 0 && candidate.exactCost().gt(q.ceiling.ceiling))) {
      // The figures after the cost are the same for every vendor of the lookup: written once.
      const { ceiling, margin } = q.ceiling;
      q.ceilingText ??= `${sellCurrency} exceeds sell ${figure(q.sell.row.rate)} ${sellCurrency} less minimum margin ${figure(margin)} (at most ${figure(ceiling)})`;
      return drop(id, "MARGIN_BELOW_MINIMUM", `cost ${figure(candidate.exactCost())} ${q.ceilingText}`);
    }
    if (q.qualityFrom) {
      const destination = rates.row(found).destination;
      const quality = measureQuality(this.quality(id, destination, q.qualityFrom, q.at));
      const under = underFloor(quality, q.floor);
      if (under) return drop(id, "QUALITY_BELOW_FLOOR", `${under} to ${destination}`);
      candidate.quality = quality;
      candidate.judged = judged(quality, q.floor);
    }
    const terms = q.plan?.terms.get(id);
    if (terms) {
      candidate.priority = terms.priority;
      candidate.weight = terms.weight;
    }
    candidate.override = override?.action ?? null;
    candidate.preferred = override?.action === "PREFER";
    return candidate;
  }

  /** A BUY plan routing can use (no trunk mapping: routing chooses the trunk) in force at the instant. */
  private buysAt(partnerId: string, service: RatedService, atMs: number): boolean {
    for (const e of this.book.entries(partnerId, "BUY", service)) {
      if (e.trunkMappingId === null && e.effectiveFrom.getTime() <= atMs && (e.effectiveTo === null || atMs < e.effectiveTo.getTime())) return true;
    }
    return false;
  }

  private indexBuyers(): void {
    const buyers = new Map<RatedService, Vendor[]>();
    const seen = new Set<string>();
    for (const e of this.priceEntries) {
      if (e.direction !== "BUY" || seen.has(`${e.service}/${e.partnerId}`)) continue;
      seen.add(`${e.service}/${e.partnerId}`);
      const vendors = buyers.get(e.service) ?? [];
      vendors.push({ id: e.partnerId, standing: this.partners.get(e.partnerId) });
      buyers.set(e.service, vendors);
    }
    for (const vendors of buyers.values()) vendors.sort(byCode);
    this.buyers = buyers;
  }
}

function byCode(a: Vendor, b: Vendor): number {
  const x = a.standing?.partner.code ?? a.id;
  const y = b.standing?.partner.code ?? b.id;
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function unroutable(answer: RouteAnswer, reason: UnroutableReason, detail: string): RouteAnswer {
  answer.unroutable = { reason, detail };
  return answer;
}
