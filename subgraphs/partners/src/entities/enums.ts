import { registerEnumType } from "type-graphql";
import { OperatorRole, RoundingMode } from "@intersettle/shared";
import { BillingCycle, ContactRole, CreditMode, PartnerRole, PartnerStatus, PartnerType, RoundingScope } from "../domain/partner-profile";
import { AgreementStatus, AgreementType, ServiceType } from "../domain/agreement-terms";
import { BlockCause, CreditLedgerKind, CreditStanding } from "../domain/credit";

registerEnumType(PartnerType, { name: "PartnerType" });
registerEnumType(PartnerRole, { name: "PartnerRole", description: "CUSTOMER: we bill the partner. VENDOR: the partner bills us." });
registerEnumType(BillingCycle, { name: "BillingCycle" });
registerEnumType(RoundingScope, { name: "RoundingScope" });
registerEnumType(RoundingMode, { name: "RoundingMode", description: "UP and DOWN round away from and towards zero." });
registerEnumType(CreditMode, { name: "CreditMode" });
registerEnumType(PartnerStatus, { name: "PartnerStatus" });
registerEnumType(ContactRole, { name: "ContactRole" });
registerEnumType(AgreementType, { name: "AgreementType" });
registerEnumType(ServiceType, { name: "ServiceType" });
registerEnumType(AgreementStatus, { name: "AgreementStatus" });
registerEnumType(OperatorRole, { name: "OperatorRole" });
registerEnumType(BlockCause, { name: "BlockCause", description: "Who holds a BLOCKED partner: credit control lifts only its own (CREDIT) block." });
registerEnumType(CreditStanding, { name: "CreditStanding" });
registerEnumType(CreditLedgerKind, { name: "CreditLedgerKind" });

export { AgreementStatus, AgreementType, BillingCycle, BlockCause, CreditLedgerKind, CreditStanding, ContactRole, CreditMode, OperatorRole, PartnerRole, PartnerStatus, PartnerType, RoundingMode, RoundingScope, ServiceType };
