import { Directive, Field, ID, ObjectType } from "type-graphql";
import { PartnerScope, type Principal } from "@intersettle/shared";

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

/**
 * The reference, or null when the caller is another partner: partners of one chain know each other's ids, but each
 * partner's own fields (its rate cards, invoices…) are for itself and operators only.
 */
export function partnerSeenBy(principal: Principal, id: string | null): PartnerReference | null {
  const own = PartnerScope.of(principal).partnerId;
  return id && (!own || own === id) ? partnerReference(id) : null;
}
