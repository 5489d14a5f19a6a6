export * from "./enums";
export * from "./partner.entity";
export * from "./partner-contact.entity";
export * from "./agreement.entity";
export * from "./api-credential.entity";
export * from "./operator-token.entity";
export * from "./audit-entry.entity";
export * from "./credit-exposure.entity";
export * from "./credit-ledger-entry.entity";
import { Partner } from "./partner.entity";
import { PartnerContact } from "./partner-contact.entity";
import { Agreement } from "./agreement.entity";
import { ApiCredential } from "./api-credential.entity";
import { OperatorToken } from "./operator-token.entity";
import { AuditEntry } from "./audit-entry.entity";
import { CreditExposure } from "./credit-exposure.entity";
import { CreditLedgerEntry } from "./credit-ledger-entry.entity";

export const partnerEntities = [Partner, PartnerContact, Agreement, ApiCredential, OperatorToken, AuditEntry, CreditExposure, CreditLedgerEntry];
