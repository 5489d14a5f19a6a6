import { Field, ID, Int, ObjectType } from "type-graphql";
import { Decimal, DecimalScalar } from "@intersettle/shared";
import { DropReason, OverrideAction, UnroutableReason } from "../../entities";

@ObjectType({ description: "The customer's sell rate for the number: what the call earns per minute." })
export class SellRate {
  @Field(() => ID) rateCardId: string;
  @Field() prefix: string;
  @Field() destination: string;
  @Field(() => DecimalScalar) rate: Decimal;
  @Field() currency: string;
}

@ObjectType({ description: "A vendor's quality to the destination over the window (null figures: no answered calls to judge)." })
export class RouteQuality {
  @Field(() => Int) calls: number;
  @Field(() => DecimalScalar, { nullable: true, description: "Percent of calls answered." }) asr: Decimal | null;
  @Field(() => DecimalScalar, { nullable: true, description: "Average answered seconds." }) acd: Decimal | null;
  @Field(() => DecimalScalar, { nullable: true, description: "What QUALITY ordering ranks by." }) score: Decimal | null;
}

@ObjectType({ description: "One vendor to send the call to, in order: its longest matching prefix in force, its rate and what it leaves." })
export class Route {
  @Field(() => ID) vendorId: string;
  @Field(() => ID) rateCardId: string;
  @Field() prefix: string;
  @Field() destination: string;
  @Field(() => DecimalScalar, { description: "Per minute, in the vendor card's currency." }) rate: Decimal;
  @Field() currency: string;
  @Field(() => DecimalScalar, { description: "The rate in the customer's sell currency." }) cost: Decimal;
  @Field(() => DecimalScalar, { description: "Sell rate less cost, per minute, in the sell currency." }) margin: Decimal;
  @Field(() => Int) priority: number;
  @Field(() => Int) weight: number;
  @Field(() => DecimalScalar, { nullable: true, description: "WEIGHTED: percent of calls among equal-cost routes." }) share: Decimal | null;
  @Field(() => RouteQuality, { nullable: true }) quality: RouteQuality | null;
  @Field(() => OverrideAction, { nullable: true }) override: OverrideAction | null;
}

@ObjectType({ description: "A vendor that cannot carry the call, and why." })
export class DroppedVendor {
  @Field(() => ID) vendorId: string;
  @Field(() => DropReason) reason: DropReason;
  @Field() detail: string;
}

@ObjectType({ description: "Why a number has no route at all." })
export class Unroutable {
  @Field(() => UnroutableReason) reason: UnroutableReason;
  @Field() detail: string;
}

@ObjectType({ description: "Where to send a call. A partner asking about its own numbers sees its sell rate and whether they route; vendors, costs, margins and drops are the hub's." })
export class RouteAnswer {
  @Field(() => ID) customerId: string;
  @Field() number: string;
  @Field({ description: "The digits routed on." }) digits: string;
  @Field() at: Date;
  @Field(() => SellRate, { nullable: true }) sell: SellRate | null;
  @Field(() => [Route]) routes: Route[];
  @Field(() => [DroppedVendor], { description: "Only when asked to explain, and only for operators." }) dropped: DroppedVendor[];
  @Field(() => Unroutable, { nullable: true }) unroutable: Unroutable | null;
}
