import { Decimal, type Principal } from "@intersettle/shared";
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
}

/** The "check rate" a partner or an operator asks: how a call would be priced right now. */
export class RateQuoteService {
  constructor(private readonly cards: RateCardService, private readonly partners: PartnerDirectory, private readonly cache: RatingCardCache) {}

  async quote(principal: Principal, rateCardId: string, number: string, start: Date, quantity: number): Promise<RateQuoteResult> {
    const card = await this.cards.get(principal, rateCardId);
    const owner = await this.partners.get(card.partnerId);
    const rounding = await this.partners.rounding(card.partnerId);
    const rating = await this.cache.get(card, owner.timezone);
    const result = rateUsage(rating, number, start, quantity);
    const base = { rateCardId, number, start, quantity, currency: card.currency, rounding };
    if ("unrated" in result) {
      const zero = new Decimal(0);
      return { ...base, unratedReason: result.unrated, prefix: null, destination: null, version: null, billedQuantity: 0, connectFee: zero, pieces: [], exactAmount: zero, amount: zero };
    }
    const r = result.rated;
    return { ...base, unratedReason: null, prefix: r.prefix, destination: r.destination, version: r.version, billedQuantity: r.billedQuantity, connectFee: r.connectFee, pieces: r.pieces, exactAmount: r.exactAmount, amount: chargedAmount(r.exactAmount, rounding) };
  }
}
