import { PartnersInitial1763800000000 } from "./1763800000000-partners-initial";
import { CredentialExpiry1764100000000 } from "./1764100000000-credential-expiry";
import { SharedAuditTrail1764400000000 } from "./1764400000000-shared-audit-trail";
import { CreditControl1764900000000 } from "./1764900000000-credit-control";

export const partnerMigrations = [PartnersInitial1763800000000, CredentialExpiry1764100000000, SharedAuditTrail1764400000000, CreditControl1764900000000];
