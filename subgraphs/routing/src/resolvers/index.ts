import { PlanOverrideResolver, PlanVendorResolver, RoutingPlanResolver } from "./plans/routing-plan.resolver";
import { DroppedVendorResolver, RouteResolver, RouteVendorResolver } from "./routes/route.resolver";

export const routingResolvers = [RouteResolver, RouteVendorResolver, DroppedVendorResolver, RoutingPlanResolver, PlanVendorResolver, PlanOverrideResolver] as const;
export * from "./context";
export { lcrTableDownload } from "./routes/lcr-table.download";
