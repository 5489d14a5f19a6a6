import type { Decimal, RoundingRule } from "@intersettle/shared";

/** The stage a partner's rounding applies at, as the partners subgraph names it. */
export enum RoundingScope {
  /** Each call is rounded when rated; a line is the sum of rounded calls. */
  PER_CDR = "PER_CDR",
  /** Calls keep their exact amounts; each invoice line is rounded once. */
  PER_INVOICE_LINE = "PER_INVOICE_LINE",
}

export interface InvoiceRounding extends RoundingRule {
  scope: RoundingScope;
}

/** What a partner's agreement fixes about settling with it, kept current from the `partners` topic. */
export interface SettlementTerms {
  /** ISO 4217 currency the partner is invoiced in. */
  currency: string;
  /** Tax rate in percent (20 for 20 %), exact. */
  taxRatePercent: Decimal;
  rounding: InvoiceRounding;
  paymentTermsDays: number;
  /** IANA timezone: governs the partner's periods and invoice dates. */
  timezone: string;
}
