import { Arg, Args, Authorized, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Bound, BoundedArg, Connection, IdArg, PageArgs, Role } from "@intersettle/shared";
import { IrsfRangeEntity } from "../../entities";
import { PartnerReference } from "../tariffs/rate-card.resolver";
import type { RatingContext } from "../context";
import { FraudRules, FraudRulesInput, fraudRulesOf, rulesPatchOf } from "./fraud-rules.types";

@ObjectType()
export class IrsfRangeConnection extends Connection(IrsfRangeEntity, "IrsfRange") {}

@ObjectType({ description: "An IRSF list import." })
export class IrsfImport {
  @Field(() => Int, { description: "Rows of the file stored." }) imported: number;
  @Field(() => Int, { description: "Ranges on the list now." }) ranges: number;
  @Field(() => Int, { description: "The list's version; each import moves it, and ingestion jobs started after it use the new list." }) version: number;
}

@Resolver(() => FraudRules)
export class FraudRulesResolver {
  @Authorized(Role.VIEWER)
  @Query(() => FraudRules, { description: "A partner's fraud rules (the defaults until set). Operators only: thresholds known are thresholds dodged." })
  async fraudRules(@IdArg("partnerId") partnerId: string, @Ctx() ctx: RatingContext): Promise<FraudRules> {
    const { rules, updatedAt } = await ctx.services.fraudRules.get(partnerId);
    return fraudRulesOf(partnerId, rules, updatedAt);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => FraudRules, { description: "Changes a partner's fraud rules (those left out stay); thresholds are bounded; audited." })
  async setFraudRules(@IdArg("partnerId") partnerId: string, @Arg("input", () => FraudRulesInput) input: FraudRulesInput, @Ctx() ctx: RatingContext): Promise<FraudRules> {
    const { rules, updatedAt } = await ctx.services.fraudRules.set(ctx.principal, partnerId, rulesPatchOf(input));
    return fraudRulesOf(partnerId, rules, updatedAt);
  }

  @FieldResolver(() => PartnerReference)
  partner(@Root() rules: FraudRules): PartnerReference {
    return { id: rules.partnerId };
  }

  @Authorized(Role.VIEWER)
  @Query(() => IrsfRangeConnection, { description: "The IRSF range list, by prefix." })
  irsfRanges(@BoundedArg("prefix", { maxLength: Bound.NAME }, () => String, { nullable: true, description: "Ranges starting with these digits." }) prefix: string | null, @Args() page: PageArgs, @Ctx() ctx: RatingContext) {
    return ctx.services.irsf.list(prefix ?? undefined, page);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => IrsfImport, { description: "Imports an IRSF range list: CSV with a header naming `prefix` (digits of E.164 numbers), and optionally `name` and `note`. Replaces the list unless `replace` is false; audited." })
  importIrsfRanges(
    @BoundedArg("csv", { maxLength: Bound.FILE }, () => String) csv: string,
    @Arg("replace", { defaultValue: true, description: "false: add to the list (and update the ranges listed) instead of replacing it." }) replace: boolean,
    @Ctx() ctx: RatingContext,
  ) {
    return ctx.services.irsf.importCsv(ctx.principal, csv, replace);
  }
}
