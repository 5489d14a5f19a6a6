import { registerEnumType } from "type-graphql";

/** Every kind of record the hub audits, across subgraphs: one vocabulary for the one audit trail. */
export enum AuditedEntity {
  PARTNER = "PARTNER",
  AGREEMENT = "AGREEMENT",
  API_CREDENTIAL = "API_CREDENTIAL",
  OPERATOR_TOKEN = "OPERATOR_TOKEN",
  RATE_CARD = "RATE_CARD",
  RATE_CARD_VERSION = "RATE_CARD_VERSION",
  PRICE_PLAN = "PRICE_PLAN",
  DECK_LAYOUT = "DECK_LAYOUT",
  EXCHANGE_RATE = "EXCHANGE_RATE",
  DESTINATION = "DESTINATION",
  CDR_SOURCE = "CDR_SOURCE",
  TRUNK_MAPPING = "TRUNK_MAPPING",
  INGESTION_JOB = "INGESTION_JOB",
  RERATE_JOB = "RERATE_JOB",
  INVOICE = "INVOICE",
  PAYMENT = "PAYMENT",
  BILLING_RUN = "BILLING_RUN",
  BILLING_ACCOUNT = "BILLING_ACCOUNT",
  FRAUD_ALERT = "FRAUD_ALERT",
  FRAUD_RULES = "FRAUD_RULES",
  IRSF_RANGES = "IRSF_RANGES",
}
registerEnumType(AuditedEntity, { name: "AuditedEntity" });
