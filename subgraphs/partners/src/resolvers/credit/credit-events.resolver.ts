import { Authorized, Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root, Subscription } from "type-graphql";
import { Bound, BoundedArg, Decimal, DecimalScalar, IdArg, type EventRecord, partnerEventStream } from "@intersettle/shared";
import { BlockCause, CreditMode, CreditStanding, Partner, PartnerStatus } from "../../entities";
import type { CreditEventPayload } from "../../services/credit/credit-accounts";
import { createLoaders, type PartnersContext } from "../context";

@ObjectType({ description: "A change to a partner's credit account, from the event log: exposure or terms changed, a warning, a block or an unblock." })
export class CreditEvent {
  @Field({ description: "credit.exposure_changed, credit.terms_changed, credit.warning, credit.blocked or credit.unblocked" })
  type: string;

  @Field(() => ID)
  partnerId: string;

  @Field({ description: "Event log position; pass it as `after` to resume." })
  position: string;

  @Field()
  occurredAt: Date;

  @Field(() => CreditMode)
  mode: CreditMode;

  @Field()
  currency: string;

  @Field(() => DecimalScalar)
  limit: Decimal;

  @Field(() => Int)
  warningPercent: number;

  @Field(() => DecimalScalar)
  exposure: Decimal;

  @Field(() => DecimalScalar, { nullable: true })
  available: Decimal | null;

  @Field(() => CreditStanding)
  standing: CreditStanding;

  @Field(() => PartnerStatus, { description: "The partner's status after the event." })
  status: PartnerStatus;

  @Field(() => BlockCause, { nullable: true })
  blockCause: BlockCause | null;

  @Field(() => String, { nullable: true, description: "Why: a block's or unblock's reason, the warning, or what moved the exposure." })
  reason: string | null;

  @Field({ description: "Position of the event that moved the account (its credit ledger entry)." })
  ledgerPosition: string;
}


function creditEvent(event: EventRecord): CreditEvent {
  const p = event.payload as CreditEventPayload;
  return {
    type: event.type,
    partnerId: event.key,
    position: event.position,
    occurredAt: new Date(event.occurredAt),
    mode: p.mode as CreditMode,
    currency: p.currency,
    limit: new Decimal(p.limit),
    warningPercent: p.warningPercent,
    exposure: new Decimal(p.exposure),
    available: p.available === null ? null : new Decimal(p.available),
    standing: p.standing as CreditStanding,
    status: p.status as PartnerStatus,
    blockCause: p.blockCause as BlockCause | null,
    reason: p.reason,
    ledgerPosition: p.ledgerPosition,
  };
}

@Resolver(() => CreditEvent)
export class CreditEventResolver {
  @Authorized()
  @Subscription(() => CreditEvent, {
    description: "Live credit events; a partner key receives only its own. Resume with `after` (a position) to receive every event since, in order.",
    subscribe: async ({ args, context }) => {
      const ctx = context as PartnersContext;
      return partnerEventStream(ctx.services, ctx.principal, {
        topics: ["credit"],
        partnerId: args.partnerId,
        after: args.after,
        beforeEach: () => (ctx.loaders = createLoaders(ctx.principal, ctx.services)),
      });
    },
  })
  creditEvents(
    @Root() event: EventRecord,
    @IdArg("partnerId", { nullable: true }) _partnerId: string | null,
    @BoundedArg("after", { maxLength: Bound.CURSOR }, () => String, { nullable: true, description: "Resume after this position instead of starting now." }) _after: string | null,
  ): CreditEvent {
    return creditEvent(event);
  }

  @FieldResolver(() => Partner, { nullable: true, description: "The partner as it is now." })
  partner(@Root() event: CreditEvent, @Ctx() ctx: PartnersContext) {
    return ctx.loaders.partner.load(event.partnerId);
  }
}
