import { Authorized, Ctx, Field, FieldResolver, Float, ID, Int, ObjectType, Resolver, Root, Subscription } from "type-graphql";
import { Bound, BoundedArg, Decimal, DecimalScalar, IdArg, PartnerOwned, PartnerScope, type EventRecord, partnerEventStream } from "@intersettle/shared";
import type { TrafficBatchPayload } from "../../domain/traffic/traffic-batch";
import { trafficUpdateView, type TrafficUpdateFigures } from "../../domain/traffic/traffic-update";
import { TRAFFIC_BATCH } from "../../services/traffic/traffic-events";
import { PartnerReference } from "../tariffs/rate-card.resolver";
import { createLoaders, type RatingContext } from "../context";

// As in `traffic`: a partner sees its own leg's counts and charge, never the base-currency revenue, cost and margin.
const HIDDEN = ["baseCurrency", "revenue", "cost", "margin"];

@ObjectType()
abstract class TrafficFigures implements TrafficUpdateFigures {
  @Field(() => Int) calls: number;
  @Field(() => Int) answered: number;
  @Field(() => Float, { description: "Billed minutes of the answered calls." }) minutes: number;
  @Field(() => Float, { nullable: true, description: "Answer-seizure ratio, answered ÷ calls." }) asr: number | null;
  @Field(() => Float, { nullable: true, description: "Average duration of the answered calls, seconds." }) acd: number | null;
  @Field(() => DecimalScalar, { description: "Revenue (CUSTOMER) or cost (VENDOR) in `currency`." }) amount: Decimal;
  @Field(() => DecimalScalar, { nullable: true, description: "Revenue of these calls in the base currency; operators only." }) revenue: Decimal;
  @Field(() => DecimalScalar, { nullable: true, description: "Cost of these calls in the base currency; operators only." }) cost: Decimal;
  @Field(() => DecimalScalar, { nullable: true, description: "Revenue less cost in the base currency; operators only." }) margin: Decimal;
}

@ObjectType({ description: "One destination's calls in a traffic update." })
@PartnerOwned({ by: ["partnerId"], hidden: HIDDEN })
export class TrafficUpdateDestination extends TrafficFigures {
  /** Whose calls these are, for the partner scope (not a field). */
  partnerId: string;
  @Field() destination: string;
}

@ObjectType({ description: "One partner leg's calls in one committed ingestion block (or a re-rating's change to them), as they are stored." })
@PartnerOwned({ by: ["partnerId"], hidden: HIDDEN })
export class TrafficUpdate extends TrafficFigures {
  @Field({ description: "Event log position; pass it as `after` to resume." }) position: string;
  @Field() occurredAt: Date;
  @Field(() => ID, { description: "The ingestion (or re-rating) job." }) jobId: string;
  @Field({ description: "INGEST: calls newly stored; RERATE: a re-rating's change, new figures less old." }) kind: string;
  @Field(() => ID) partnerId: string;
  @Field({ description: "CUSTOMER (we bill) or VENDOR (we pay)" }) role: string;
  @Field({ description: "The earliest call start in the batch." }) from: Date;
  @Field({ description: "The latest call start in the batch." }) to: Date;
  @Field({ description: "The partner was BLOCKED when these calls were rated: they are stored and marked." }) blocked: boolean;
  @Field({ description: "The partner's invoicing currency, or the card currency when no exchange rate converts it (`unconverted`)." }) currency: string;
  @Field() unconverted: boolean;
  @Field(() => String, { nullable: true, description: "The currency of revenue, cost and margin; operators only." }) baseCurrency: string | null;
  @Field(() => [TrafficUpdateDestination], { description: "Per destination (only the one asked for, when `destination` is given: the totals are then its own)." })
  destinations: TrafficUpdateDestination[];
}

@Resolver(() => TrafficUpdate)
export class TrafficUpdatesResolver {
  @Authorized()
  @Subscription(() => TrafficUpdate, {
    description: "Live traffic per partner leg and destination as ingestion commits it; resumable with `after`. A partner key receives only its own.",
    subscribe: async ({ args, context }) => {
      const ctx = context as RatingContext;
      const destination = args.destination as string | null | undefined;
      return partnerEventStream(ctx.services, ctx.principal, {
        topics: ["traffic"],
        partnerId: args.partnerId,
        after: args.after,
        accept: (e) => e.type === TRAFFIC_BATCH && (!destination || (e.payload as TrafficBatchPayload).destinations.some((d) => d.destination === destination)),
        beforeEach: () => (ctx.loaders = createLoaders(ctx.principal, ctx.services)),
      });
    },
  })
  trafficUpdates(
    @Root() event: EventRecord,
    @IdArg("partnerId", { nullable: true }) _partnerId: string | null,
    @BoundedArg("destination", { maxLength: Bound.NAME }, () => String, { nullable: true, description: "Only this destination's calls." }) destination: string | null,
    @BoundedArg("after", { maxLength: Bound.CURSOR }, () => String, { nullable: true, description: "Resume after this position instead of starting now." }) _after: string | null,
    @Ctx() ctx: RatingContext,
  ): TrafficUpdate {
    const batch = event.payload as TrafficBatchPayload;
    const view = trafficUpdateView(batch, destination);
    const scope = PartnerScope.of(ctx.principal);
    const update = Object.assign(new TrafficUpdate(), view, {
      position: event.position,
      occurredAt: new Date(event.occurredAt),
      jobId: batch.jobId,
      kind: batch.kind,
      partnerId: batch.partnerId,
      role: batch.role,
      from: new Date(batch.from),
      to: new Date(batch.to),
      blocked: batch.blocked,
      currency: batch.currency,
      unconverted: batch.unconverted === true,
      baseCurrency: batch.baseCurrency,
      destinations: view.destinations.map((d) => scope.present(TrafficUpdateDestination, Object.assign(new TrafficUpdateDestination(), d, { partnerId: batch.partnerId }))),
    });
    return scope.present(TrafficUpdate, update);
  }

  @FieldResolver(() => PartnerReference, { description: "The partner (its name, status and credit come from the partners subgraph)." })
  partner(@Root() update: TrafficUpdate): PartnerReference {
    return { id: update.partnerId };
  }
}
