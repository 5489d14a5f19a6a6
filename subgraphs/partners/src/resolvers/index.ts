import { PartnerResolver } from "./partner.resolver";
import { AgreementResolver } from "./agreement.resolver";
import { CredentialResolver } from "./credential.resolver";
import { AuditResolver } from "./audit.resolver";
import { ViewerResolver } from "./viewer.resolver";
import { PartnerEventResolver } from "./partner-events.resolver";
import { CreditResolver } from "./credit/credit.resolver";
import { CreditEventResolver } from "./credit/credit-events.resolver";
import { CredentialChangeResolver } from "./credential-changes.resolver";

export const partnerResolvers = [PartnerResolver, AgreementResolver, CredentialResolver, AuditResolver, ViewerResolver, PartnerEventResolver, CreditResolver, CreditEventResolver, CredentialChangeResolver] as const;
export * from "./context";
