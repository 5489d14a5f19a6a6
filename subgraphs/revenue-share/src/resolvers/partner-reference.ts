import { Directive, Field, ID, ObjectType } from "type-graphql";

/** A partner as revenue share refers to it (a service's provider, a statement's partner): the partners subgraph resolves the rest. */
@Directive('@key(fields: "id")')
@ObjectType("Partner")
export class PartnerReference {
  @Field(() => ID)
  id: string;
}

export function partnerReference(id: string): PartnerReference {
  return { id };
}
