import { Authorized, Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root, Subscription } from "type-graphql";
import { Bound, BoundedArg, Decimal, DecimalScalar, IdArg, partnerEventStream, type EventRecord } from "@intersettle/shared";
import { Dispute, InvoiceSide } from "../../entities";
import { DisputeResolution, DisputeStatus } from "../../domain";
import type { DisputeEventPayload } from "../../services/disputes/dispute-events";
import { createLoaders, type InvoicingContext } from "../context";

@ObjectType({ description: "A dispute event from the log, with the dispute's figures at the event." })
export class DisputeEvent {
  @Field({ description: "dispute.opened, .submitted, .in_review, .contested, .resolved, .closed, .commented, .attachment_added or .reminded" }) type: string;
  @Field(() => ID) partnerId: string;
  @Field({ description: "Event log position; pass it as `after` to resume." }) position: string;
  @Field() occurredAt: Date;
  @Field(() => ID) disputeId: string;
  @Field() number: string;
  @Field(() => InvoiceSide) side: InvoiceSide;
  @Field(() => DisputeStatus) status: DisputeStatus;
  @Field(() => DisputeResolution, { nullable: true }) resolution: DisputeResolution | null;
  @Field() currency: string;
  @Field(() => DecimalScalar) ourAmount: Decimal;
  @Field(() => DecimalScalar) theirAmount: Decimal;
  @Field(() => DecimalScalar) disputedAmount: Decimal;
  @Field(() => DecimalScalar, { nullable: true }) agreedAmount: Decimal | null;
  @Field(() => String, { nullable: true }) dueDate: string | null;
  @Field(() => ID, { nullable: true }) noteId: string | null;
  @Field(() => Int) version: number;
  @Field(() => ID, { nullable: true, description: "The comment a dispute.commented event is about." }) commentId: string | null;
  @Field(() => ID, { nullable: true, description: "The file a dispute.attachment_added (or a variance's dispute.opened) event is about." }) attachmentId: string | null;
}

function disputeEvent(event: EventRecord): DisputeEvent {
  const p = event.payload as DisputeEventPayload;
  return {
    type: event.type,
    partnerId: event.key,
    position: event.position,
    occurredAt: new Date(event.occurredAt),
    disputeId: p.disputeId,
    number: p.number,
    side: p.side as InvoiceSide,
    status: p.status as DisputeStatus,
    resolution: p.resolution as DisputeResolution | null,
    currency: p.currency,
    ourAmount: new Decimal(p.ourAmount),
    theirAmount: new Decimal(p.theirAmount),
    disputedAmount: new Decimal(p.disputedAmount),
    agreedAmount: p.agreedAmount === null ? null : new Decimal(p.agreedAmount),
    dueDate: p.dueDate,
    noteId: p.noteId,
    version: p.version,
    commentId: p.commentId ?? null,
    attachmentId: p.attachmentId ?? null,
  };
}

@Resolver(() => DisputeEvent)
export class DisputeEventResolver {
  @Authorized()
  @Subscription(() => DisputeEvent, {
    description: "Live dispute events; a partner key receives only its own. Resume with `after` (a position) to receive every event since, in order.",
    subscribe: async ({ args, context }) => {
      const ctx = context as InvoicingContext;
      return partnerEventStream(ctx.services, ctx.principal, {
        topics: ["disputes"],
        partnerId: args.partnerId,
        after: args.after,
        beforeEach: () => (ctx.loaders = createLoaders(ctx.principal, ctx.services)),
      });
    },
  })
  disputeEvents(
    @Root() event: EventRecord,
    @IdArg("partnerId", { nullable: true }) _partnerId: string | null,
    @BoundedArg("after", { maxLength: Bound.CURSOR }, () => String, { nullable: true, description: "Resume after this position instead of starting now." }) _after: string | null,
  ): DisputeEvent {
    return disputeEvent(event);
  }

  @FieldResolver(() => Dispute, { nullable: true, description: "The dispute as it is now." })
  dispute(@Root() event: DisputeEvent, @Ctx() ctx: InvoicingContext) {
    return ctx.loaders.dispute.load(event.disputeId);
  }
}
