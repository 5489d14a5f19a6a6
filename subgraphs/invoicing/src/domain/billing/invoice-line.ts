import type { Decimal, Period } from "@intersettle/shared";
import type { InvoiceSide } from "./invoice-side";
import type { UsageLine } from "./usage-line";

export enum InvoiceLineKind {
  /** Usage of a period billed for the first time. */
  USAGE = "USAGE",
  /** Usage that changed after its period was invoiced (late CDRs, re-rating): goes on a later invoice or a note. */
  ADJUSTMENT = "ADJUSTMENT",
  /** An amount an operator credits or debits on a note (a goodwill credit, a missed fee): not usage, never re-billed. */
  CORRECTION = "CORRECTION",
  /** What a published revenue-share statement pays a content partner for one service: not rated usage, never re-billed. */
  REVENUE_SHARE = "REVENUE_SHARE",
}

/** Kinds that are not rated usage: billing runs neither count them as billed usage nor let them mark a period invoiced. */
export const NOT_USAGE_KINDS: readonly InvoiceLineKind[] = [InvoiceLineKind.CORRECTION, InvoiceLineKind.REVENUE_SHARE];

/** One line of an invoice or note, issued or drafted, or proposed by a billing run. */
export interface InvoiceLine {
  side: InvoiceSide;
  /** The period the usage belongs to; for an adjustment, an earlier period than the invoice it lands on. */
  period: Period;
  kind: InvoiceLineKind;
  /** The usage billed, in its rating currency: for an adjustment, the change (possibly negative). */
  usage: UsageLine;
  /** Invoice currency. */
  currency: string;
  /** 1 usage currency = exchangeRate invoice currency; null when the usage is in the invoice currency. */
  exchangeRate: Decimal | null;
  /** Net amount in the invoice currency, rounded by the partner's rule. */
  net: Decimal;
}
