import { Authorized, Ctx, Field, FieldResolver, ID, ObjectType, Resolver, Root, Subscription } from "type-graphql";
import { beforeEachEvent, Bound, BoundedArg, Decimal, DecimalScalar, IdArg, PartnerScope, resumeAfter, streamEvents, type EventRecord } from "@intersettle/shared";
import { Statement, StatementStatus } from "../../entities";
import type { StatementEventPayload } from "../../services/statements/statement-events";
import { createLoaders, type RevenueShareContext } from "../context";

@ObjectType({ description: "A statement published, from the event log." })
export class StatementEvent {
  @Field({ description: "statement.published" }) type: string;
  @Field({ description: "Event log position; pass it as `after` to resume." }) position: string;
  @Field() occurredAt: Date;
  @Field(() => ID) statementId: string;
  @Field(() => ID) partnerId: string;
  @Field(() => String, { nullable: true }) number: string | null;
  @Field(() => StatementStatus, { description: "The statement's status at the event." }) status: StatementStatus;
  @Field() currency: string;
  @Field(() => DecimalScalar, { description: "What the statement pays the partner." }) payable: Decimal;
  @Field() periodStart: Date;
  @Field() periodEnd: Date;
  @Field(() => [ID]) serviceIds: string[];
}

function statementEvent(event: EventRecord): StatementEvent {
  const p = event.payload as StatementEventPayload;
  return {
    type: event.type,
    position: event.position,
    occurredAt: new Date(event.occurredAt),
    statementId: p.statementId,
    partnerId: p.partnerId,
    number: p.number,
    status: p.status as StatementStatus,
    currency: p.currency,
    payable: new Decimal(p.payable),
    periodStart: new Date(p.periodStart),
    periodEnd: new Date(p.periodEnd),
    serviceIds: p.serviceIds,
  };
}

@Resolver(() => StatementEvent)
export class StatementEventResolver {
  @Authorized()
  @Subscription(() => StatementEvent, {
    description: "Statements as they are published; a partner key receives only its own. Resume with `after` (a position) to receive every one since, in order.",
    subscribe: async ({ args, context }) => {
      const ctx = context as RevenueShareContext;
      const partnerId = PartnerScope.of(ctx.principal).partnerFilter(args.partnerId);
      const events = await streamEvents(ctx.services.dataSource, ctx.services.wakeups, {
        topics: ["revshare"],
        from: resumeAfter(args.after),
        filter: (e) => e.type === "statement.published" && (!partnerId || e.key === partnerId),
      });
      return beforeEachEvent(events, () => (ctx.loaders = createLoaders(ctx.principal, ctx.services)));
    },
  })
  statementPublished(
    @Root() event: EventRecord,
    @IdArg("partnerId", { nullable: true }) _partnerId: string | null,
    @BoundedArg("after", { maxLength: Bound.CURSOR }, () => String, { nullable: true, description: "Resume after this position instead of starting now." }) _after: string | null,
  ): StatementEvent {
    return statementEvent(event);
  }

  @FieldResolver(() => Statement, { nullable: true, description: "The statement as it is now." })
  statement(@Root() event: StatementEvent, @Ctx() ctx: RevenueShareContext) {
    return ctx.loaders.statement.load(event.statementId);
  }
}
