import { Readable } from "node:stream";
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { BadUserInputError, Bound, Connection, MaxChars, MaxJsonChars, PageArgs, Role } from "@intersettle/shared";
import { DeckFileFormat, DeckLayoutEntity, ImportMode, RateCard, RateCardVersion, RateChange, RateChangeKind, RateDiffSummary, RateUnit } from "../../entities";
import { toDeckLayout } from "../../services";
import type { RatingContext } from "../context";

@ObjectType()
export class RateChangeConnection extends Connection(RateChange) {}

@InputType()
export class ImportRateDeckInput {
  @Field(() => ID)
  @MaxChars(Bound.ID)
  rateCardId: string;

  @Field(() => ImportMode)
  mode: ImportMode;

  @Field(() => String, { nullable: true, description: "The deck as CSV text." })
  @MaxChars(Bound.FILE)
  content?: string | null;

  @Field(() => String, { nullable: true, description: "The deck as base64 (XLSX files)." })
  @MaxChars(Bound.FILE)
  contentBase64?: string | null;

  @Field(() => String, { nullable: true })
  @MaxChars(Bound.NAME)
  fileName?: string | null;

  @Field(() => String, { nullable: true, description: "A saved vendor layout (id or name); unset: the native CSV format." })
  @MaxChars(Bound.NAME)
  layout?: string | null;

  @Field(() => Date, { nullable: true, description: "Default effective date of rows, and when FULL mode closes missing prefixes; default now." })
  effectiveFrom?: Date | null;
}

@InputType()
export class DeckLayoutInput {
  @Field()
  @MaxChars(Bound.NAME)
  name: string;

  @Field(() => DeckFileFormat, { defaultValue: DeckFileFormat.CSV })
  fileFormat: DeckFileFormat;

  @Field({ defaultValue: "," })
  @MaxChars(Bound.NAME)
  delimiter: string;

  @Field(() => GraphQLJSONObject, { description: "Our field name → the vendor's column name, e.g. { \"prefix\": \"Dial Code\", \"rate\": \"Price/min\" }." })
  @MaxJsonChars(Bound.JSON)
  columns: Record<string, string>;

  @Field({ defaultValue: false })
  decimalComma: boolean;

  @Field(() => RateUnit, { defaultValue: RateUnit.MINUTE })
  ratePer: RateUnit;

  @Field(() => String, { nullable: true, description: "luxon format such as dd/MM/yyyy; unset: ISO 8601." })
  @MaxChars(Bound.NAME)
  dateFormat?: string | null;
}

@Resolver(() => RateCardVersion)
export class RateDeckResolver {
  @Authorized(Role.OPERATOR)
  @Mutation(() => RateCardVersion, { description: "Import a deck as a new version of the card; a deck with any bad row is rejected whole." })
  async importRateDeck(@Arg("input") input: ImportRateDeckInput, @Ctx() ctx: RatingContext) {
    if (!input.content === !input.contentBase64) throw new BadUserInputError([{ field: "content", message: "give exactly one of content or contentBase64" }]);
    const layout = input.layout ? await ctx.services.layouts.get(input.layout) : undefined;
    const fileFormat = layout?.fileFormat ?? (input.fileName?.toLowerCase().endsWith(".xlsx") ? DeckFileFormat.XLSX : DeckFileFormat.CSV);
    const source = input.content ? Readable.from([input.content]) : Readable.from([Buffer.from(input.contentBase64!, "base64")]);
    return ctx.services.decks.import(ctx.principal, {
      rateCardId: input.rateCardId,
      mode: input.mode,
      source,
      fileFormat,
      fileName: input.fileName ?? undefined,
      layout: layout && toDeckLayout(layout),
      effectiveFrom: input.effectiveFrom ?? undefined,
    });
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => DeckLayoutEntity, { description: "Save how a vendor writes its decks." })
  createDeckLayout(@Arg("input") input: DeckLayoutInput, @Ctx() ctx: RatingContext) {
    return ctx.services.layouts.create(ctx.principal, input);
  }

  @Authorized(Role.VIEWER)
  @Query(() => [DeckLayoutEntity])
  deckLayouts(@Ctx() ctx: RatingContext) {
    return ctx.services.layouts.list();
  }

  @FieldResolver(() => RateDiffSummary)
  diff(@Root() v: RateCardVersion): RateDiffSummary {
    return { new: v.newCount, increased: v.increasedCount, decreased: v.decreasedCount, unchanged: v.unchangedCount, closed: v.closedCount };
  }

  @FieldResolver(() => RateChangeConnection, { description: "The diff's rows, in deck order; CLOSED rows last." })
  changes(@Root() v: RateCardVersion, @Arg("kind", () => RateChangeKind, { nullable: true }) kind: RateChangeKind | null, @Args() page: PageArgs, @Ctx() ctx: RatingContext) {
    return ctx.services.rateCards.changes(v.id, kind ?? undefined, page);
  }

  @FieldResolver(() => RateCard, { nullable: true })
  rateCard(@Root() v: RateCardVersion, @Ctx() ctx: RatingContext) {
    return ctx.loaders.rateCard.load(v.rateCardId);
  }
}
