import type { NewEvent } from "@intersettle/shared";
import type { Dispute } from "../../entities";

export interface DisputeEventPayload {
  disputeId: string;
  number: string;
  partnerId: string;
  side: string;
  status: string;
  resolution: string | null;
  currency: string;
  ourAmount: string;
  theirAmount: string;
  disputedAmount: string;
  agreedAmount: string | null;
  dueDate: string | null;
  noteId: string | null;
  version: number;
  /** The comment or attachment an event is about, when it is about one. */
  commentId?: string;
  attachmentId?: string;
}

/**
 * A `disputes` event: dispute.opened, .submitted, .in_review, .contested, .resolved, .closed, .commented,
 * .attachment_added or .reminded; keyed by partner so partner-scoped streams deliver it to that partner only.
 */
export function disputeEvent(type: string, dispute: Dispute, about: { commentId?: string; attachmentId?: string } = {}): NewEvent<DisputeEventPayload> {
  return {
    topic: "disputes",
    type,
    key: dispute.partnerId,
    producer: "invoicing",
    payload: {
      disputeId: dispute.id,
      number: dispute.number,
      partnerId: dispute.partnerId,
      side: dispute.side,
      status: dispute.status,
      resolution: dispute.resolution,
      currency: dispute.currency,
      ourAmount: dispute.ourAmount.toFixed(),
      theirAmount: dispute.theirAmount.toFixed(),
      disputedAmount: dispute.disputedAmount.toFixed(),
      agreedAmount: dispute.agreedAmount?.toFixed() ?? null,
      dueDate: dispute.dueDate,
      noteId: dispute.noteId,
      version: dispute.version,
      ...about,
    },
  };
}
