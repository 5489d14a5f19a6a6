import { PartnerAgreement, RoutablePartner } from "./partners/routable-partner.entity";
import { RoutingPlanEntity } from "./plans/routing-plan.entity";
import { QualityBucket } from "./quality/quality-bucket.entity";

export * from "./enums";
export * from "./partners/routable-partner.entity";
export * from "./plans/routing-plan.entity";
export * from "./quality/quality-bucket.entity";

export const routingEntities = [RoutablePartner, PartnerAgreement, RoutingPlanEntity, QualityBucket];
