import { PartnerResolver } from "./partner.resolver";
import { AgreementResolver } from "./agreement.resolver";
import { CredentialResolver } from "./credential.resolver";
import { AuditResolver } from "./audit.resolver";
import { ViewerResolver } from "./viewer.resolver";
import { PartnerEventResolver } from "./partner-events.resolver";

export const partnerResolvers = [PartnerResolver, AgreementResolver, CredentialResolver, AuditResolver, ViewerResolver, PartnerEventResolver] as const;
export * from "./context";
