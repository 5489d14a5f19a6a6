import type { Decimal, RoundingRule } from "@intersettle/shared";
import { type NormalizedCdr } from "@intersettle/shared";
import { chargedAmount, rateUsage, type RatedUsage, type RatingCard } from "@intersettle/shared";
import { RatedService } from "@intersettle/shared";
import { classifyLegs, type CallType } from "./call-legs";
import { resolveSide, type TrunkPlan } from "./trunk-mapping";

/** What a source bills: the dispositions that count and the shortest voice call that does. */
export interface BillableRules {
  dispositions: string[];
  minBillableSeconds: number;
}

/** A partner's card for a direction and service, ready to rate, with its rounding convention and currency. */
export interface PartnerPricing {
  card: RatingCard;
  cardId: string;
  rounding: RoundingRule & { perCdr: boolean };
}

/**
 * Finds the SELL (customer) or BUY (vendor) pricing of a partner for a service: the card of its price plan in force at
 * the call's start (`atMs`), for the trunk mapping that identified the partner on the call (null: none did).
 */
export type PricingLookup = (partnerId: string, direction: "SELL" | "BUY", service: NormalizedCdr["service"], atMs: number, trunkMappingId: string | null) => PartnerPricing | undefined;

/** Shared between calls charged alike: read, never change. */
export interface LegCharge {
  partnerId: string;
  cardId: string;
  version: number;
  prefix: string;
  destination: string;
  /** The card's service: usage is billed per service (VOICE by time, the others by units). */
  service: RatedService;
  /** The price per unit of the call's first stretch, for grouping usage by rate. */
  rate: Decimal;
  amount: Decimal;
  exactAmount: Decimal;
  currency: string;
}

/** Calls priced alike on a partner's card share one charge (and its rounding is done once). */
const chargesByPricing = new WeakMap<PartnerPricing, WeakMap<RatedUsage, LegCharge>>();

function legCharge(partnerId: string, price: PartnerPricing, r: RatedUsage): LegCharge {
  let charges = chargesByPricing.get(price);
  if (!charges) chargesByPricing.set(price, (charges = new WeakMap()));
  let charge = charges.get(r);
  if (!charge) {
    const rate = r.pieces[0]?.unitRate ?? r.startRate;
    charge = { partnerId, cardId: price.cardId, version: r.version, prefix: r.prefix, destination: r.destination, service: price.card.service, rate, exactAmount: r.exactAmount, amount: chargedAmount(r.exactAmount, price.rounding), currency: r.currency };
    charges.set(r, charge);
  }
  return charge;
}

export interface RatedCall {
  status: "RATED" | "UNRATED";
  unratedReason: string | null;
  callType: CallType | null;
  billable: boolean;
  customer: LegCharge | null;
  vendor: LegCharge | null;
}

/**
 * Rates both legs of a call: the customer who sent it on its SELL card, the vendor who carried it on its BUY
 * card. Unmapped trunks or a missing rate leave the call UNRATED with the reason, to be re-rated after the fix.
 */
export function rateCdr(cdr: NormalizedCdr, trunks: TrunkPlan, billable: BillableRules, pricing: PricingLookup): RatedCall {
  const ingress = resolveSide(trunks, "INGRESS", cdr.ingress, cdr.account);
  const egress = resolveSide(trunks, "EGRESS", cdr.egress, cdr.account);
  if (!ingress.mapped) return unrated(`NO_PARTNER_MAPPING: ingress '${cdr.ingress || cdr.account}'`);
  if (!egress.mapped) return unrated(`NO_PARTNER_MAPPING: egress '${cdr.egress || cdr.account}'`);
  const legs = classifyLegs(ingress.partnerId, egress.partnerId);
  // The shortest billable call is a duration: messages and data sessions bill whatever their duration (SMS records carry 0).
  const isBillable = billable.dispositions.includes(cdr.disposition) && (cdr.durationSeconds >= billable.minBillableSeconds || cdr.service !== RatedService.VOICE) && cdr.units > 0;
  // The customer is the ingress side's partner and the vendor the egress side's: each priced by the plan for its mapping.
  const atMs = cdr.start.getTime();
  const customer = rateLeg(cdr, isBillable, legs.customerId, "SELL", pricing, atMs, ingress.mappingId);
  if (typeof customer === "string") return unrated(customer);
  const vendor = rateLeg(cdr, isBillable, legs.vendorId, "BUY", pricing, atMs, egress.mappingId);
  if (typeof vendor === "string") return unrated(vendor);
  return { status: "RATED", unratedReason: null, callType: legs.type, billable: isBillable, customer, vendor };
}

function unrated(reason: string): RatedCall {
  return { status: "UNRATED", unratedReason: reason, callType: null, billable: false, customer: null, vendor: null };
}

/** One leg's charge; null when that side is our own network, the reason when it cannot be rated. */
function rateLeg(cdr: NormalizedCdr, isBillable: boolean, partnerId: string | null, direction: "SELL" | "BUY", pricing: PricingLookup, atMs: number, mappingId: string | null): LegCharge | string | null {
  if (!partnerId) return null;
  const price = pricing(partnerId, direction, cdr.service, atMs, mappingId);
  if (!price) return `NO_RATE_CARD: no ${direction} ${cdr.service} price plan in force for partner ${partnerId}`;
  const result = rateUsage(price.card, cdr.bNumber, cdr.start, isBillable ? cdr.units : 0);
  if ("unrated" in result) return `${result.unrated}: ${direction} card ${price.cardId} for ${cdr.bNumber}`;
  return legCharge(partnerId, price, result.rated);
}
