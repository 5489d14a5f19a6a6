/** Which way an invoice runs: the partner owes us (RECEIVABLE) or we owe the partner (PAYABLE). */
export enum InvoiceSide {
  /** Billed from the partner's SELL leg: its traffic to us as our customer. */
  RECEIVABLE = "RECEIVABLE",
  /** Expected from the partner's BUY leg: our traffic to it as our vendor. */
  PAYABLE = "PAYABLE",
}

/** The rate direction the rating subgraph reports a side's usage under. */
export function usageDirectionOf(side: InvoiceSide): "SELL" | "BUY" {
  return side === InvoiceSide.RECEIVABLE ? "SELL" : "BUY";
}
