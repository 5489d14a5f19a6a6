import { Directive, Field, ID, ObjectType } from "type-graphql";

/** A partner as routing refers to it (a route's vendor, a plan's customer): its id; the partners subgraph resolves the rest. */
@Directive('@key(fields: "id")')
@ObjectType("Partner")
export class PartnerReference {
  @Field(() => ID)
  id: string;
}

export function partnerReference(id: string): PartnerReference {
  return { id };
}
