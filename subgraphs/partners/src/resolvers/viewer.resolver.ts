import { Authorized, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from "type-graphql";
import { isReadOnly, rolesOf } from "@intersettle/shared";
import { Partner } from "../entities";
import type { PartnersContext } from "./context";

@ObjectType({ description: "Who the caller is, as the hub authenticated it." })
export class Viewer {
  @Field({ description: "OPERATOR or PARTNER" })
  kind: string;

  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => [String])
  roles: string[];

  @Field(() => ID, { nullable: true })
  partnerId: string | null;

  @Field({ description: "True for a partner blocked for credit: it can read its account but change nothing." })
  readOnly: boolean;
}

@Resolver(() => Viewer)
export class ViewerResolver {
  @Authorized()
  @Query(() => Viewer)
  viewer(@Ctx() ctx: PartnersContext): Viewer {
    const p = ctx.principal;
    return {
      kind: p.kind.toUpperCase(),
      name: p.kind === "operator" ? p.name : p.kind === "service" ? p.service : null,
      roles: [...rolesOf(p)].sort(),
      partnerId: p.kind === "partner" ? p.partnerId : null,
      readOnly: isReadOnly(p),
    };
  }

  @FieldResolver(() => Partner, { nullable: true })
  partner(@Root() viewer: Viewer, @Ctx() ctx: PartnersContext) {
    return viewer.partnerId ? ctx.loaders.partner.load(viewer.partnerId) : null;
  }
}
