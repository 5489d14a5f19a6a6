/**
 * A dispute's life. OPEN: raised (by a reconciliation or an operator), not yet sent. SUBMITTED: sent to the partner,
 * its response window running. IN_REVIEW: the partner has taken it up. RESOLVED: settled as ACCEPTED, REJECTED or
 * PARTIAL. CLOSED: the settlement is booked (a credit or debit note when the settled figure differs from ours).
 */
export enum DisputeStatus {
  OPEN = "OPEN",
  SUBMITTED = "SUBMITTED",
  IN_REVIEW = "IN_REVIEW",
  RESOLVED = "RESOLVED",
  CLOSED = "CLOSED",
}

/**
 * Whose figure stands. ACCEPTED: the partner accepts ours. REJECTED: our claim is rejected and we accept theirs.
 * PARTIAL: both agree on an amount between the two.
 */
export enum DisputeResolution {
  ACCEPTED = "ACCEPTED",
  REJECTED = "REJECTED",
  PARTIAL = "PARTIAL",
}

/** What one can do to a dispute. CONTEST: the partner disagrees (with a comment); the dispute stays IN_REVIEW. */
export type DisputeAction = "SUBMIT" | "REVIEW" | "ACCEPT" | "CONTEST" | "RESOLVE" | "CLOSE";

export type DisputeActor = "OPERATOR" | "PARTNER";

interface Transition {
  from: DisputeStatus;
  to: DisputeStatus;
  /** Who may take it. A partner takes up a dispute sent to it, accepts our figure or contests it; operators do the rest. */
  by: readonly DisputeActor[];
}

const TRANSITIONS: Record<DisputeAction, Transition> = {
  SUBMIT: { from: DisputeStatus.OPEN, to: DisputeStatus.SUBMITTED, by: ["OPERATOR"] },
  REVIEW: { from: DisputeStatus.SUBMITTED, to: DisputeStatus.IN_REVIEW, by: ["OPERATOR", "PARTNER"] },
  ACCEPT: { from: DisputeStatus.IN_REVIEW, to: DisputeStatus.RESOLVED, by: ["OPERATOR", "PARTNER"] },
  CONTEST: { from: DisputeStatus.IN_REVIEW, to: DisputeStatus.IN_REVIEW, by: ["PARTNER"] },
  RESOLVE: { from: DisputeStatus.IN_REVIEW, to: DisputeStatus.RESOLVED, by: ["OPERATOR"] },
  CLOSE: { from: DisputeStatus.RESOLVED, to: DisputeStatus.CLOSED, by: ["OPERATOR"] },
};

export const DISPUTE_ACTIONS = Object.keys(TRANSITIONS) as DisputeAction[];

/**
 * The status an action leads to, or why it may not be taken: `forbidden` when the actor may never take it, else the
 * dispute's status is not the one it applies to.
 */
export function disputeTransition(status: DisputeStatus, action: DisputeAction, actor: DisputeActor): { to: DisputeStatus } | { refused: string; forbidden: boolean } {
  const t = TRANSITIONS[action];
  if (!t.by.includes(actor)) return { refused: `a ${actor.toLowerCase()} may not ${action.toLowerCase()} a dispute`, forbidden: true };
  if (status !== t.from) return { refused: `${action} applies to a dispute that is ${t.from}, not ${status}`, forbidden: false };
  return { to: t.to };
}

/** Comments and attachments are taken until the dispute is closed; a partner's only once it has been sent to it. */
export function mayDiscuss(status: DisputeStatus, actor: DisputeActor): boolean {
  if (status === DisputeStatus.CLOSED) return false;
  return actor === "OPERATOR" || status !== DisputeStatus.OPEN;
}

/** Disputes still waiting for an answer: their due date and reminders run. */
export const AWAITING_STATUSES: readonly DisputeStatus[] = [DisputeStatus.SUBMITTED, DisputeStatus.IN_REVIEW];

/** Disputes not yet resolved, as ageing counts them. */
export const UNRESOLVED_STATUSES: readonly DisputeStatus[] = [DisputeStatus.OPEN, DisputeStatus.SUBMITTED, DisputeStatus.IN_REVIEW];
