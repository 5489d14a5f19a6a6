import type { HubClient } from "./hub-client";

export interface ClaimOutcome {
  /** What happened, a sentence a line: the reconciliation's counts and the dispute it opened. */
  lines: string[];
  reconciled: boolean;
  disputeNumber?: string;
}

const LATEST = `query($c: ID!) { reconciliations(filter: { claimId: $c }, first: 500) { edges { node {
  id status matched durationMismatch rateMismatch missingOurs missingTheirs variance currency failure disputeId destinations { status } } } } }`;

/** A claim's latest reconciliation, and the dispute it opened, as an operator reads them after a file went in. */
export async function claimOutcome(client: HubClient, claim: { id: string; status: string; kind?: string; accepted: number }): Promise<ClaimOutcome> {
  if (claim.status === "RECEIVED" && claim.accepted === 0) return { lines: ["not reconciled: no record of the file was accepted; correct it and send it again"], reconciled: false };
  const { reconciliations } = await client.request(LATEST, { c: claim.id });
  const r = reconciliations.edges.at(-1)?.node;
  if (!r) return { lines: claim.status === "RECEIVED" ? ["not reconciled yet: reconcileClaim runs it"] : [], reconciled: false };
  if (r.status === "FAILED") return { lines: [`reconciliation ${r.id} FAILED: ${r.failure}`], reconciled: false };
  const differing = r.destinations.filter((d: { status: string }) => d.status !== "MATCHED").length;
  const compared =
    claim.kind === "INVOICE"
      ? `${differing} of ${r.destinations.length} destinations differ`
      : `matched ${r.matched}, duration mismatch ${r.durationMismatch}, rate mismatch ${r.rateMismatch}, missing ours ${r.missingOurs}, missing theirs ${r.missingTheirs}`;
  const lines = [`reconciliation ${r.id} ${r.status}: ${compared}; variance ${r.variance} ${r.currency}`];
  if (!r.disputeId) return { lines, reconciled: true };
  const { dispute } = await client.request(`query($id: ID!) { dispute(id: $id) { number status disputedAmount currency attachments { fileName } } }`, { id: r.disputeId });
  lines.push(`dispute ${dispute.number} ${dispute.status}: ${dispute.disputedAmount} ${dispute.currency}; evidence ${dispute.attachments.map((a: { fileName: string }) => a.fileName).join(", ")}`);
  return { lines, reconciled: true, disputeNumber: dispute.number };
}
