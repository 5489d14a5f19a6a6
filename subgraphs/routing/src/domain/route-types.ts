import type { Decimal, FxHistory, PricePlanEntry, RatedService, RatingCard } from "@intersettle/shared";

/** A partner as routing sees it: kept current from the `partners` and `credit` topics. */
export interface RoutingPartner {
  id: string;
  code: string;
  name: string;
  currency: string;
  timezone: string;
  status: "ACTIVE" | "SUSPENDED" | "BLOCKED" | "TERMINATED";
  agreements: AgreementWindow[];
}

/** One of a partner's agreements: routing needs only when it is in force and for what. */
export interface AgreementWindow {
  id: string;
  type: string;
  services: string[];
  /** Dates (YYYY-MM-DD) in the partner's timezone; validTo inclusive, null: open. */
  validFrom: string;
  validTo: string | null;
  status: "DRAFT" | "ACTIVE" | "SUSPENDED" | "TERMINATED";
}

/** A rate card as loaded from rating's tariff export, built for pricing with the shared tariff engine. */
export interface LoadedCard {
  id: string;
  partnerId: string;
  direction: "SELL" | "BUY";
  service: RatedService;
  currency: string;
  version: number;
  card: RatingCard;
}

/** Traffic a vendor carried to a destination over the quality window. */
export interface QualitySample {
  calls: number;
  answered: number;
  /** Answered seconds. */
  seconds: number;
}

export type QualityLookup = (vendorId: string, destination: string, from: Date, to: Date) => QualitySample | undefined;

export type RoutingStrategy = "LCR" | "QUALITY" | "PRIORITY" | "WEIGHTED";
export type OverrideAction = "FORCE" | "PREFER" | "BLOCK";

export interface QualityFloor {
  /** Percent of calls answered, 0–100; null: not checked. */
  minAsr: Decimal | null;
  /** Average answered seconds; null: not checked. */
  minAcd: Decimal | null;
  /** Fewer calls than this in the window: too little to judge, the floor is not applied. */
  minCalls: number;
  /** How far back from the routed time quality is measured. */
  windowMinutes: number;
}

export interface MinimumMargin {
  kind: "FIXED" | "PERCENT";
  /** FIXED: per minute in the customer's sell currency; PERCENT: of the sell rate. */
  value: Decimal;
}

export interface RoutingPlan {
  id: string;
  customerId: string;
  strategy: RoutingStrategy;
  maxRoutes: number;
  minMargin: MinimumMargin;
  qualityFloor: QualityFloor | null;
  /** Per-vendor priority (lower first) and weight (load share); vendors not listed get priority 100, weight 1. */
  vendors: Array<{ vendorId: string; priority: number; weight: number }>;
  overrides: Array<{ prefix: string; vendorId: string; action: OverrideAction }>;
  effectiveFrom: Date;
  effectiveTo: Date | null;
}

export type DropReason =
  | "VENDOR_BLOCKED"
  | "VENDOR_SUSPENDED"
  | "VENDOR_TERMINATED"
  | "NO_VALID_AGREEMENT"
  | "NO_RATE"
  | "NO_FX_RATE"
  | "QUALITY_BELOW_FLOOR"
  | "MARGIN_BELOW_MINIMUM"
  | "BLOCKED_BY_OVERRIDE"
  | "NOT_FORCED"
  | "SAME_PARTNER"
  | "OVER_LIMIT";

export type UnroutableReason = "NO_DIGITS" | "UNKNOWN_CUSTOMER" | "CUSTOMER_BLOCKED" | "CUSTOMER_SUSPENDED" | "CUSTOMER_TERMINATED" | "NO_SELL_RATE" | "NO_ROUTES";

export interface RouteQuality {
  calls: number;
  asr: Decimal | null;
  acd: Decimal | null;
  score: Decimal | null;
}

export interface Route {
  vendorId: string;
  rateCardId: string;
  prefix: string;
  destination: string;
  /** Per minute at the routed time, in the vendor card's currency. */
  rate: Decimal;
  currency: string;
  /** `rate` converted to the customer's sell currency. */
  cost: Decimal;
  /** Sell rate − cost, per minute, in the sell currency. */
  margin: Decimal;
  priority: number;
  weight: number;
  /** WEIGHTED: the percent of calls this route takes among equal-cost routes; otherwise null. */
  share: Decimal | null;
  quality: RouteQuality | null;
  override: OverrideAction | null;
}

export interface DroppedVendor {
  vendorId: string;
  reason: DropReason;
  /** For people: what was compared, e.g. "cost 0.0120 USD exceeds sell 0.0110 USD less margin 0.0005". */
  detail: string;
}

export interface RouteRequest {
  customerId: string;
  number: string;
  at: Date;
  /** At most this many routes (and never more than the plan's maxRoutes). */
  limit: number;
  service: RatedService;
}

export interface RouteAnswer {
  customerId: string;
  number: string;
  digits: string;
  at: Date;
  /** The customer's sell rate for the number (per minute) and where it came from; null when none. */
  sell: { rateCardId: string; prefix: string; destination: string; rate: Decimal; currency: string } | null;
  routes: Route[];
  dropped: DroppedVendor[];
  /** Why there are no routes at all (a bad number, a blocked customer…); null when there are routes. */
  unroutable: { reason: UnroutableReason; detail: string } | null;
}

/** Everything the index answers from; the routing subgraph keeps it current from rating's export and events. */
export interface RoutingSnapshot {
  partners: Map<string, RoutingPartner>;
  cards: Map<string, LoadedCard>;
  pricePlans: PricePlanEntry[];
  plans: RoutingPlan[];
  /** Exchange rates by day (rating's), and the hub currency cross rates go through. */
  fx: FxHistory;
  hubCurrency: string;
  quality: QualityLookup;
}
