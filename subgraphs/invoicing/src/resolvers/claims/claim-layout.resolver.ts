import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Query, Resolver } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { Bound, IdArg, IntRange, MaxChars, MaxJsonChars, Role } from "@intersettle/shared";
import { ClaimFileFormat, ClaimLayoutEntity } from "../../entities";
import type { ClaimColumn } from "../../domain";
import type { InvoicingContext } from "../context";

@InputType()
export class SaveClaimLayoutInput {
  @Field(() => ID) @MaxChars(Bound.ID) partnerId: string;
  @Field({ description: "Unique per partner: saving the same name again replaces the layout (its version goes up)." }) @MaxChars(Bound.NAME) name: string;
  @Field(() => ClaimFileFormat) format: ClaimFileFormat;
  @Field({ nullable: true, description: "CSV: one character; default ','." }) @MaxChars(4) delimiter?: string;
  @Field(() => Int, { nullable: true, description: "The 1-based row of column names (default 1); 0 when the file has none." }) @IntRange(0, 1000) headerRow?: number;
  @Field({ nullable: true, description: "XLSX: the sheet's name; default the first." }) @MaxChars(Bound.NAME) sheet?: string;
  @Field({ nullable: true, description: "Numbers written 1.234,56; default false." }) decimalComma?: boolean;
  @Field(() => GraphQLJSONObject, { description: "destination, calls, minutes, amount (required), rate, currency (optional): a header name or a 0-based index each." })
  @MaxJsonChars(Bound.JSON)
  columns: Partial<Record<ClaimColumn, string | number>>;
}

@Resolver(() => ClaimLayoutEntity)
export class ClaimLayoutResolver {
  @Authorized()
  @Query(() => [ClaimLayoutEntity], { description: "A partner's invoice layouts; a partner key reads its own." })
  claimLayouts(@IdArg("partnerId") partnerId: string, @Ctx() ctx: InvoicingContext) {
    return ctx.services.claims.layouts.list(ctx.principal, partnerId);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => ClaimLayoutEntity, { description: "Saves how a partner writes its invoice. Audited." })
  saveClaimLayout(@Arg("input") input: SaveClaimLayoutInput, @Ctx() ctx: InvoicingContext) {
    return ctx.services.claims.layouts.save(ctx.principal, input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Boolean, { description: "Deletes a layout no claim was read through. Audited." })
  deleteClaimLayout(@IdArg("id") id: string, @Ctx() ctx: InvoicingContext) {
    return ctx.services.claims.layouts.delete(ctx.principal, id);
  }
}
