import { RoundingScope, type Decimal, type RoundingRule } from "@intersettle/shared";

export { RoundingScope };

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
