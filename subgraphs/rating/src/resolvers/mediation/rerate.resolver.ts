import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { Bound, MaxChars, Role } from "@intersettle/shared";
import type { RatingContext } from "../context";

@InputType()
export class RerateInput {
  @Field(() => ID, { nullable: true, description: "Calls of this partner (either leg) and unrated calls; unset: every call in the period." }) @MaxChars(Bound.ID) partnerId?: string;
  @Field() from: Date;
  @Field() to: Date;
  @Field({ defaultValue: false, description: "Only calls still UNRATED (after fixing a mapping or a rate)." }) unratedOnly: boolean;
}

@ObjectType({ description: "A re-rating run: how many calls, and revenue and cost before and after." })
export class RerateJob {
  @Field(() => ID) id: string;
  @Field() status: string;
  @Field(() => Int) calls: number;
  @Field(() => Int, { description: "Calls whose status or amounts changed." }) changed: number;
  @Field(() => [GraphQLJSONObject], { description: "{ side, currency, amount } per currency." }) totalsBefore: object[];
  @Field(() => [GraphQLJSONObject]) totalsAfter: object[];
}

@Resolver()
export class RerateResolver {
  @Authorized(Role.OPERATOR)
  @Mutation(() => RerateJob, { description: "Re-rate a period after a rate correction or a mapping fix; traffic aggregates follow." })
  rerateCalls(@Arg("input") input: RerateInput, @Ctx() ctx: RatingContext): Promise<RerateJob> {
    return ctx.services.rerating.rerate(ctx.principal, input);
  }
}
