import { Authorized, Ctx, Field, FieldResolver, ID, ObjectType, Resolver, Root, Subscription } from "type-graphql";
import { Bound, BoundedArg, IdArg, type EventRecord, partnerEventStream } from "@intersettle/shared";
import { Partner } from "../entities";
import { createLoaders, type PartnersContext } from "./context";

@ObjectType({ description: "A change to a partner or one of its agreements, from the event log." })
export class PartnerEvent {
  @Field({ description: "e.g. partner.updated, partner.status_changed, agreement.created" })
  type: string;

  @Field(() => ID)
  partnerId: string;

  @Field({ description: "Event log position; pass it as `after` to resume." })
  position: string;

  @Field()
  occurredAt: Date;
}

@Resolver(() => PartnerEvent)
export class PartnerEventResolver {
  @Authorized()
  @Subscription(() => PartnerEvent, {
    description: "Live partner and agreement changes; a partner key receives only its own.",
    subscribe: async ({ args, context }) => {
      const ctx = context as PartnersContext;
      return partnerEventStream(ctx.services, ctx.principal, {
        topics: ["partners"],
        partnerId: args.partnerId,
        after: args.after,
        beforeEach: () => (ctx.loaders = createLoaders(ctx.principal, ctx.services)),
      });
    },
  })
  partnerEvents(
    @Root() event: EventRecord,
    @IdArg("partnerId", { nullable: true }) _partnerId: string | null,
    @BoundedArg("after", { maxLength: Bound.CURSOR }, () => String, { nullable: true, description: "Resume after this position instead of starting now." }) _after: string | null,
  ): PartnerEvent {
    return { type: event.type, partnerId: event.key, position: event.position, occurredAt: new Date(event.occurredAt) };
  }

  @FieldResolver(() => Partner, { nullable: true, description: "The partner as it is now." })
  partner(@Root() event: PartnerEvent, @Ctx() ctx: PartnersContext) {
    return ctx.loaders.partner.load(event.partnerId);
  }
}
