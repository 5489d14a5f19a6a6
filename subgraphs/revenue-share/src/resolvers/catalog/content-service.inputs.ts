import { Field, ID, InputType, Int } from "type-graphql";
import { Bound, MaxChars } from "@intersettle/shared";
import { ContentServiceKind, ContentServiceStatus } from "../../entities";

@InputType()
export class CreateContentServiceInput {
  @Field({ description: "2-64 upper-case letters, digits, '-' or '_'; unique. Content transactions name their service by it." }) @MaxChars(Bound.NAME) code: string;
  @Field() @MaxChars(Bound.NAME) name: string;
  @Field(() => ContentServiceKind) kind: ContentServiceKind;
  @Field({ description: "ISO 4217: what its transactions are charged in." }) @MaxChars(Bound.NAME) currency: string;
  @Field(() => ID, { description: "A CONTENT_PROVIDER partner." }) @MaxChars(Bound.ID) providerId: string;
  @Field(() => ID, { nullable: true, description: "An AGGREGATOR partner, if the content comes through one." }) @MaxChars(Bound.ID) aggregatorId?: string | null;
  @Field(() => ID, { nullable: true, description: "A PLATFORM_ENABLER partner, if one runs the service." }) @MaxChars(Bound.ID) enablerId?: string | null;
}

@InputType({ description: "A service's name and status; its code, currency and chain are fixed once it exists." })
export class UpdateContentServiceInput {
  @Field(() => String, { nullable: true }) @MaxChars(Bound.NAME) name?: string | null;
  @Field(() => ContentServiceStatus, { nullable: true }) status?: ContentServiceStatus | null;
  @Field(() => Int, { nullable: true, description: "Refuse the change (CONFLICT) unless the service is still at this version." }) expectedVersion?: number | null;
}

@InputType()
export class ContentServiceFilterInput {
  @Field(() => ID, { nullable: true, description: "Services this partner is party to." }) @MaxChars(Bound.ID) partnerId?: string | null;
  @Field(() => ContentServiceKind, { nullable: true }) kind?: ContentServiceKind | null;
  @Field(() => ContentServiceStatus, { nullable: true }) status?: ContentServiceStatus | null;
}
