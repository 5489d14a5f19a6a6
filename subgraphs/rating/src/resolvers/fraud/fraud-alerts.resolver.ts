import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root, Subscription } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { Bound, BoundedArg, Connection, IdArg, MaxChars, PageArgs, PartnerOwned, PartnerScope, Role, type EventRecord, partnerEventStream } from "@intersettle/shared";
import { FraudAlert } from "../../entities";
import { FraudRule } from "../../domain/fraud/fraud-rules";
import { FraudAlertStatus, FraudSeverity } from "../../domain/fraud/fraud-findings";
import type { FraudAlertPayload } from "../../services/fraud/fraud-alert.service";
import { PartnerReference } from "../tariffs/rate-card.resolver";
import { createLoaders, type RatingContext } from "../context";

@ObjectType()
export class FraudAlertConnection extends Connection(FraudAlert) {}

@InputType()
export class FraudAlertFilter {
  @Field(() => ID, { nullable: true }) @MaxChars(Bound.ID) partnerId?: string;
  @Field(() => FraudAlertStatus, { nullable: true }) status?: FraudAlertStatus;
  @Field(() => FraudRule, { nullable: true }) rule?: FraudRule;
  @Field({ nullable: true, description: "Raised at or after." }) from?: Date;
  @Field({ nullable: true, description: "Raised before." }) to?: Date;
}

@ObjectType({ description: "An alert raised, acknowledged or closed, from the event log." })
@PartnerOwned({ by: ["partnerId"] })
export class FraudAlertEvent {
  @Field({ description: "fraud.alert_raised, fraud.alert_acknowledged or fraud.alert_closed" }) type: string;
  @Field({ description: "Event log position; pass it as `after` to resume." }) position: string;
  @Field() occurredAt: Date;
  @Field(() => ID) alertId: string;
  @Field(() => ID) partnerId: string;
  @Field(() => FraudRule) rule: FraudRule;
  @Field() subject: string;
  @Field(() => FraudSeverity) severity: FraudSeverity;
  @Field(() => FraudAlertStatus, { description: "The alert's status after this event." }) status: FraudAlertStatus;
  @Field() autoBlock: boolean;
  @Field() summary: string;
  @Field() windowStart: Date;
  @Field() windowEnd: Date;
  @Field(() => GraphQLJSONObject) evidence: Record<string, unknown>;
}

@Resolver(() => FraudAlert)
export class FraudAlertResolver {
  @Authorized()
  @Query(() => FraudAlertConnection, { name: "fraudAlerts", description: "Fraud alerts by raising time; a partner key sees its own." })
  alerts(@Arg("filter", () => FraudAlertFilter, { nullable: true }) filter: FraudAlertFilter | null, @Args() page: PageArgs, @Ctx() ctx: RatingContext) {
    return ctx.services.fraudAlerts.list(ctx.principal, filter ?? {}, page);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => FraudAlert, { description: "Marks an alert as being looked into; audited." })
  acknowledgeFraudAlert(@IdArg("id") id: string, @BoundedArg("note", { maxLength: Bound.TEXT }, () => String, { nullable: true }) note: string | null, @Ctx() ctx: RatingContext) {
    return ctx.services.fraudAlerts.acknowledge(ctx.principal, id, note);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => FraudAlert, { description: "Closes an alert with what was found or done; audited. Unblocking the partner is a partner status change." })
  closeFraudAlert(@IdArg("id") id: string, @BoundedArg("resolution", { maxLength: Bound.TEXT }, () => String) resolution: string, @Ctx() ctx: RatingContext) {
    return ctx.services.fraudAlerts.close(ctx.principal, id, resolution);
  }

  @FieldResolver(() => PartnerReference)
  partner(@Root() alert: FraudAlert): PartnerReference {
    return { id: alert.partnerId };
  }
}

@Resolver(() => FraudAlertEvent)
export class FraudAlertEventResolver {
  @Authorized()
  @Subscription(() => FraudAlertEvent, {
    name: "fraudAlerts",
    description: "Fraud alerts as they are raised, acknowledged and closed; resumable with `after`. A partner key receives only its own.",
    subscribe: async ({ args, context }) => {
      const ctx = context as RatingContext;
      return partnerEventStream(ctx.services, ctx.principal, {
        topics: ["fraud"],
        partnerId: args.partnerId,
        after: args.after,
        accept: (e) => e.type.startsWith("fraud.alert_"),
        beforeEach: () => (ctx.loaders = createLoaders(ctx.principal, ctx.services)),
      });
    },
  })
  alertEvents(
    @Root() event: EventRecord,
    @IdArg("partnerId", { nullable: true }) _partnerId: string | null,
    @BoundedArg("after", { maxLength: Bound.CURSOR }, () => String, { nullable: true, description: "Resume after this position instead of starting now." }) _after: string | null,
    @Ctx() ctx: RatingContext,
  ): FraudAlertEvent {
    const p = event.payload as FraudAlertPayload;
    const update = Object.assign(new FraudAlertEvent(), {
      type: event.type, position: event.position, occurredAt: new Date(event.occurredAt), alertId: p.alertId, partnerId: p.partnerId, rule: p.rule, subject: p.subject,
      severity: p.severity as FraudSeverity, status: p.status, autoBlock: p.autoBlock, summary: p.summary, windowStart: new Date(p.windowStart), windowEnd: new Date(p.windowEnd), evidence: p.evidence,
    });
    return PartnerScope.of(ctx.principal).present(FraudAlertEvent, update);
  }

  @FieldResolver(() => FraudAlert, { nullable: true, description: "The alert as it is now." })
  alert(@Root() event: FraudAlertEvent, @Ctx() ctx: RatingContext) {
    return ctx.loaders.fraudAlert.load(event.alertId);
  }

  @FieldResolver(() => PartnerReference)
  partner(@Root() event: FraudAlertEvent): PartnerReference {
    return { id: event.partnerId };
  }
}
