/**
 * What an agreement.created / agreement.updated event on the `partners` topic carries that other subgraphs read
 * (the partners subgraph's agreement snapshot has more: references, tolerances, terms).
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
}
