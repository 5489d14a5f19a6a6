import { registerEnumType } from "type-graphql";
import { RatedService } from "@intersettle/shared";
import type { DropReason as DomainDropReason, OverrideAction as DomainOverrideAction, RoutingStrategy as DomainStrategy, UnroutableReason as DomainUnroutable } from "../domain/route-types";

/** How a customer's routes are ordered. */
export enum RoutingStrategy {
  LCR = "LCR",
  QUALITY = "QUALITY",
  PRIORITY = "PRIORITY",
  WEIGHTED = "WEIGHTED",
}

/** What a per-prefix override does to a vendor. */
export enum OverrideAction {
  FORCE = "FORCE",
  PREFER = "PREFER",
  BLOCK = "BLOCK",
}

export enum MarginKind {
  FIXED = "FIXED",
  PERCENT = "PERCENT",
}

/** Why a vendor is not among a call's routes. */
export enum DropReason {
  VENDOR_BLOCKED = "VENDOR_BLOCKED",
  VENDOR_SUSPENDED = "VENDOR_SUSPENDED",
  VENDOR_TERMINATED = "VENDOR_TERMINATED",
  NO_VALID_AGREEMENT = "NO_VALID_AGREEMENT",
  NO_RATE = "NO_RATE",
  NO_FX_RATE = "NO_FX_RATE",
  QUALITY_BELOW_FLOOR = "QUALITY_BELOW_FLOOR",
  MARGIN_BELOW_MINIMUM = "MARGIN_BELOW_MINIMUM",
  BLOCKED_BY_OVERRIDE = "BLOCKED_BY_OVERRIDE",
  NOT_FORCED = "NOT_FORCED",
  SAME_PARTNER = "SAME_PARTNER",
  OVER_LIMIT = "OVER_LIMIT",
}

/** Why a call has no route at all. */
export enum UnroutableReason {
  NO_DIGITS = "NO_DIGITS",
  UNKNOWN_CUSTOMER = "UNKNOWN_CUSTOMER",
  CUSTOMER_BLOCKED = "CUSTOMER_BLOCKED",
  CUSTOMER_SUSPENDED = "CUSTOMER_SUSPENDED",
  CUSTOMER_TERMINATED = "CUSTOMER_TERMINATED",
  NO_SELL_RATE = "NO_SELL_RATE",
  NO_ROUTES = "NO_ROUTES",
}

// Rating registers the shared enum too; the same name and description, so either registration gives one type.
registerEnumType(RatedService, { name: "RatedService", description: "VOICE per minute, SMS and MMS per message, DATA per MB (KB increments)." });
registerEnumType(RoutingStrategy, { name: "RoutingStrategy", description: "LCR: cheapest first; QUALITY: best quality score above the floor first; PRIORITY: the plan's vendor priority first; WEIGHTED: load shared by weight among equal-cost routes." });
registerEnumType(OverrideAction, { name: "RouteOverrideAction", description: "FORCE: only the forced vendors carry the prefix; PREFER: first among the routes left; BLOCK: never this vendor." });
registerEnumType(MarginKind, { name: "MarginKind", description: "FIXED: per minute in the customer's sell currency; PERCENT: of the sell rate." });
registerEnumType(DropReason, { name: "RouteDropReason" });
registerEnumType(UnroutableReason, { name: "UnroutableReason" });

// The GraphQL enums and the domain's unions name the same values: a change to one fails the build here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const enumsMatchDomain: [Same<`${RoutingStrategy}`, DomainStrategy>, Same<`${OverrideAction}`, DomainOverrideAction>, Same<`${DropReason}`, DomainDropReason>, Same<`${UnroutableReason}`, DomainUnroutable>] = [true, true, true, true];
