/**
 * What an agreement.created / agreement.updated event on the `partners` topic carries that other subgraphs read
 * (the partners subgraph's agreement snapshot has more: references, terms).
 */
export interface AgreementEventPayload {
  id: string;
  partnerId: string;
  type: string;
  services: string[];
  /** YYYY-MM-DD in the partner's timezone; validTo inclusive, null: open. */
  validFrom: string;
  validTo: string | null;
  status: string;
  /** The reconciliation variance accepted without a dispute: percent of our amount, and absolute (decimal strings). */
  tolerancePercent: string;
  toleranceAmount: string;
}
