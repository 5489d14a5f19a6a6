import { Decimal, NotFoundError, PartnerScope, PlanAgreements, PricePlanBook, type Principal } from "@intersettle/shared";
import type { PricePlan, RateCard, RatedService, RateDirection } from "../../entities";
import type { PartnerAgreements } from "../partner-settings/partner-agreements";
import type { PricePlanService } from "./price-plan.service";
import { chargedAmount, rateUsage, type RatedPiece, type UnratedReason } from "@intersettle/shared";
import type { RatingCardCache } from "./rating-card-cache";
import type { PartnerDirectory, PartnerRounding } from "../partner-settings/partner-directory";
import type { RateCardService } from "./rate-card.service";

export interface RateQuoteResult {
  rateCardId: string;
  number: string;
  start: Date;
  quantity: number;
  unratedReason: UnratedReason | null;
  prefix: string | null;
  destination: string | null;
  version: number | null;
  billedQuantity: number;
  connectFee: Decimal;
  pieces: RatedPiece[];
  exactAmount: Decimal;
  /** What a CDR would be charged: rounded per the owner's convention when it rounds per CDR. */
  amount: Decimal;
  currency: string;
  rounding: PartnerRounding;
  /** The plan that chose the card, for a partner's quote. */
  pricePlan: PricePlan | null;
}

/** A partner's call, to be priced on whatever card its plans choose for it. */
export interface PartnerQuoteRequest {
  partnerId: string;
  direction: RateDirection;
  service: RatedService;
  number: string;
  at: Date;
  quantity: number;
  /** The trunk mapping the call would come in or go out on, if any. */
  trunkMappingId: string | null;
}

/** The "check rate" a partner or an operator asks: how a call would be priced right now. */
export class RateQuoteService {
  constructor(
    private readonly cards: RateCardService,
    private readonly partners: PartnerDirectory,
    private readonly cache: RatingCardCache,
    private readonly plans: PricePlanService,
    private readonly agreements: PartnerAgreements,
  ) {}

  async quote(principal: Principal, rateCardId: string, number: string, start: Date, quantity: number): Promise<RateQuoteResult> {
    return this.quoteOn(await this.cards.get(principal, rateCardId), number, start, quantity, null);
  }

  /** Prices a partner's call on the card its plan in force chooses, as rating would; a partner quotes only itself. */
  async partnerQuote(principal: Principal, ask: PartnerQuoteRequest): Promise<RateQuoteResult> {
    const partnerId = PartnerScope.of(principal).partnerFilter(ask.partnerId)!;
    const owner = await this.partners.get(partnerId);
    const book = new PricePlanBook(await this.plans.ofScope(partnerId, ask.direction, ask.service));
    const agreements = new PlanAgreements(await this.agreements.of([partnerId]), () => owner.timezone);
    const plan = book.choose({ partnerId, direction: ask.direction, service: ask.service, at: ask.at, trunkMappingId: ask.trunkMappingId, agreementIds: agreements.idsInForce(partnerId, ask.service, ask.at) });
    if (!plan) throw new NotFoundError("PricePlan", `(${ask.direction} ${ask.service} of partner ${partnerId} in force at ${ask.at.toISOString()})`);
    return this.quoteOn(await this.cards.get(principal, plan.rateCardId), ask.number, ask.at, ask.quantity, plan);
  }

  private async quoteOn(card: RateCard, number: string, start: Date, quantity: number, pricePlan: PricePlan | null): Promise<RateQuoteResult> {
    const rateCardId = card.id;
    const owner = await this.partners.get(card.partnerId);
    const rounding = await this.partners.rounding(card.partnerId);
    const rating = await this.cache.get(card, owner.timezone);
    const result = rateUsage(rating, number, start, quantity);
    const base = { rateCardId, number, start, quantity, currency: card.currency, rounding, pricePlan };
    if ("unrated" in result) {
      const zero = new Decimal(0);
      return { ...base, unratedReason: result.unrated, prefix: null, destination: null, version: null, billedQuantity: 0, connectFee: zero, pieces: [], exactAmount: zero, amount: zero };
    }
    const r = result.rated;
    return { ...base, unratedReason: null, prefix: r.prefix, destination: r.destination, version: r.version, billedQuantity: r.billedQuantity, connectFee: r.connectFee, pieces: r.pieces, exactAmount: r.exactAmount, amount: chargedAmount(r.exactAmount, rounding) };
  }
}
