import { PartnersInitial1763800000000 } from "./1763800000000-partners-initial";
import { SharedAuditTrail1764400000000 } from "./1764400000000-shared-audit-trail";

export const partnerMigrations = [PartnersInitial1763800000000, SharedAuditTrail1764400000000];
