import type { DataSource } from "typeorm";
import { GraphQLError } from "graphql";
import { currentPosition, FxHistory, readEvents, type EventRecord, type EventWakeups, type ExchangeRateRecord, type Logger, type PricePlanEntry, type RatedService } from "@intersettle/shared";
import { RoutingIndex, type LcrRow } from "../../domain/routing-index";
import type { LoadedCard, QualityLookup, RouteAnswer, RouteRequest, RoutingPartner, RoutingPlan, RoutingSnapshot } from "../../domain/route-types";
import type { RatingTariffs } from "../tariffs/rating-tariffs";
import { planEntry } from "../tariffs/tariff-export";
import type { RoutingSettings } from "../routing-settings";

/** Sources the index is built from at start. */
export interface IndexSources {
  dataSource: DataSource;
  wakeups: EventWakeups;
  tariffs: RatingTariffs;
  partners: () => Promise<Map<string, RoutingPartner>>;
  plans: () => Promise<RoutingPlan[]>;
  quality: QualityLookup;
  hubCurrency: string;
  settings: RoutingSettings;
  logger?: Logger;
}

interface PricePlanChanged {
  pricePlanId: string;
  partnerId: string;
  direction: "SELL" | "BUY";
  service: RatedService;
  rateCardId: string;
  trunkMappingId: string | null;
  agreementId: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
}

/** How long a start waits for rating's export (rating may still be starting in its own container). */
const LOAD_ATTEMPTS_MS = 60_000;
const RETRY_MS = 2000;

/**
 * The routing index, loaded once from rating's export and kept current without a restart: `rates` events are read from
 * the log position taken before the export (so none committed during it is missed, the index being in memory a
 * durable cursor would be wrong), partner and plan changes are applied as they come, exchange rates re-read often.
 */
export class LiveRoutingIndex {
  private index?: RoutingIndex;
  private partners = new Map<string, RoutingPartner>();
  private readonly cards = new Map<string, LoadedCard>();
  private readonly pricePlans = new Map<string, PricePlanEntry>();
  private plans: RoutingPlan[] = [];
  private fxRecords: ExchangeRateRecord[] = [];
  private fxSignature = "";
  private position = "0";
  private following?: Promise<void>;
  private running = false;
  private fxTimer?: NodeJS.Timeout;
  private readonly stopped = new AbortController();

  constructor(private readonly sources: IndexSources) {}

  get loaded(): boolean {
    return this.index !== undefined;
  }

  /** Loads the index before the subgraph listens: retried while rating cannot answer yet, then a failed start. */
  async load(): Promise<void> {
    const deadline = Date.now() + LOAD_ATTEMPTS_MS;
    for (;;) {
      try {
        return await this.loadOnce();
      } catch (err) {
        if (Date.now() > deadline || this.stopped.signal.aborted) throw err;
        this.sources.logger?.warn({ err }, "routing index not loaded yet (rating's tariff export failed); retrying");
        await pause(RETRY_MS);
      }
    }
  }

  private async loadOnce(): Promise<void> {
    const startedAt = Date.now();
    const head = await currentPosition(this.sources.dataSource);
    const tariffs = await this.sources.tariffs.export();
    this.cards.clear();
    for (const card of tariffs.cards) this.cards.set(card.id, card);
    this.pricePlans.clear();
    for (const plan of tariffs.pricePlans) this.pricePlans.set(plan.id, plan);
    this.fxRecords = tariffs.fx;
    this.fxSignature = JSON.stringify(tariffs.fx);
    this.partners = await this.sources.partners();
    this.plans = await this.sources.plans();
    this.index = this.build(this.plans);
    this.position = head;
    this.sources.logger?.info({ cards: tariffs.cards.length, rates: tariffs.rates, partners: this.partners.size, ms: Date.now() - startedAt }, "routing index loaded");
  }

  /** Follows `rates` events and exchange rates until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.following = this.follow();
    this.fxTimer = setInterval(() => void this.refreshFx(), this.sources.settings.fxRefreshMs);
    this.fxTimer.unref();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopped.abort();
    clearInterval(this.fxTimer);
    await this.following;
  }

  routes(request: RouteRequest): RouteAnswer {
    return this.ready().routes(request);
  }

  /** Routes as they would be under `plan` for its customer (its saved plans set aside); nothing is changed. */
  simulate(plan: RoutingPlan, requests: RouteRequest[]): RouteAnswer[] {
    this.ready();
    const index = this.build([...this.plans.filter((p) => p.customerId !== plan.customerId), plan]);
    return requests.map((r) => index.routes(r));
  }

  lcrTable(customerId: string, at: Date, service: RatedService): Generator<LcrRow> {
    return this.ready().lcrTable(customerId, at, service);
  }

  knows(partnerId: string): boolean {
    return this.partners.has(partnerId);
  }

  codeOf(partnerId: string): string | undefined {
    return this.partners.get(partnerId)?.code;
  }

  /** Planned routes' maximum for a customer at an instant (the LCR table's columns), if it has a plan then. */
  maxRoutes(customerId: string, at: Date): number | undefined {
    const atMs = at.getTime();
    return this.plans
      .filter((p) => p.customerId === customerId && p.effectiveFrom.getTime() <= atMs && (p.effectiveTo === null || atMs < p.effectiveTo.getTime()))
      .sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime())[0]?.maxRoutes;
  }

  upsertPartner(partner: RoutingPartner): void {
    this.partners.set(partner.id, partner);
    this.index?.upsertPartner(partner);
  }

  replacePlans(customerId: string, plans: RoutingPlan[]): void {
    this.plans = [...this.plans.filter((p) => p.customerId !== customerId), ...plans];
    this.index?.replaceRoutingPlans(plans, customerId);
  }

  private build(plans: RoutingPlan[]): RoutingIndex {
    const snapshot: RoutingSnapshot = {
      partners: this.partners,
      cards: this.cards,
      pricePlans: [...this.pricePlans.values()],
      plans,
      fx: new FxHistory(this.fxRecords),
      hubCurrency: this.sources.hubCurrency,
      quality: this.sources.quality,
    };
    const { defaultQualityFloor, qualityWindowMinutes } = this.sources.settings;
    return new RoutingIndex(snapshot, { defaultQualityFloor, qualityWindowMinutes });
  }

  private ready(): RoutingIndex {
    if (!this.index) throw new GraphQLError("Routing is loading its index; try again shortly", { extensions: { code: "UNAVAILABLE" } });
    return this.index;
  }

  private async follow(): Promise<void> {
    const signal = this.sources.wakeups.signal(["rates"]);
    try {
      while (this.running) {
        let events: EventRecord[] = [];
        try {
          events = await readEvents(this.sources.dataSource, { topics: ["rates"], after: this.position, limit: 100 });
          // One at a time, the position moving past each once applied: a failed reload is tried again, never skipped.
          for (const event of events) {
            if (!this.running) return;
            await this.apply(event);
            this.position = event.position;
          }
        } catch (err) {
          if (!this.running) return;
          this.sources.logger?.error({ err }, "routing could not apply a rates event; retrying");
          await pause(RETRY_MS);
          continue;
        }
        if (events.length === 0) await signal.wait(1000);
      }
    } finally {
      signal.close();
    }
  }

  private async apply(event: EventRecord): Promise<void> {
    if (event.type === "rate_card.published") {
      const { rateCardId } = event.payload as { rateCardId: string };
      // Cards no plan names are not routed on; the plan that names one later loads it.
      if (this.cards.has(rateCardId) || [...this.pricePlans.values()].some((p) => p.rateCardId === rateCardId)) await this.reloadCard(rateCardId);
    } else if (event.type === "price_plan.changed") {
      const p = event.payload as PricePlanChanged;
      this.pricePlans.set(p.pricePlanId, planEntry({ ...p, id: p.pricePlanId }));
      if (!this.cards.has(p.rateCardId)) await this.reloadCard(p.rateCardId);
      this.index?.replacePricePlans([...this.pricePlans.values()].filter((e) => e.partnerId === p.partnerId), p.partnerId);
    }
  }

  private async reloadCard(cardId: string): Promise<void> {
    const { cards } = await this.sources.tariffs.export(cardId);
    for (const card of cards) {
      const held = this.cards.get(card.id);
      if (held && held.version > card.version) continue;
      this.cards.set(card.id, card);
      this.index?.replaceCard(card);
    }
  }

  private async refreshFx(): Promise<void> {
    try {
      const records = await this.sources.tariffs.exchangeRates();
      const signature = JSON.stringify(records);
      if (signature === this.fxSignature) return;
      this.fxRecords = records;
      this.fxSignature = signature;
      this.index?.replaceFx(new FxHistory(records));
    } catch (err) {
      this.sources.logger?.warn({ err }, "routing could not refresh exchange rates; keeping the ones it has");
    }
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
