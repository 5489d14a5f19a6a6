import { Arg, Args, Authorized, Ctx, Field, ID, InputType, ObjectType, Query, Resolver } from "type-graphql";
import { Bound, Connection, MaxChars, PageArgs, Role } from "@intersettle/shared";
import { AuditedEntity, AuditEntry } from "../entities";
import type { PartnersContext } from "./context";

@ObjectType()
export class AuditEntryConnection extends Connection(AuditEntry) {}

@InputType()
export class AuditFilterInput {
  @Field(() => AuditedEntity, { nullable: true })
  entityType?: AuditedEntity;

  @Field(() => ID, { nullable: true })
  @MaxChars(Bound.ID)
  entityId?: string;

  @Field(() => ID, { nullable: true })
  @MaxChars(Bound.ID)
  partnerId?: string;

  @Field({ nullable: true, description: "e.g. operator:alice" })
  @MaxChars(Bound.NAME)
  actor?: string;

  @Field({ nullable: true })
  from?: Date;

  @Field({ nullable: true })
  to?: Date;
}

@Resolver()
export class AuditResolver {
  @Authorized(Role.VIEWER, Role.PARTNER)
  @Query(() => AuditEntryConnection, { description: "Every change to partners, agreements and credentials, oldest first." })
  auditTrail(@Arg("filter", () => AuditFilterInput, { nullable: true }) filter: AuditFilterInput | null, @Args() page: PageArgs, @Ctx() ctx: PartnersContext) {
    return ctx.services.audit.list(ctx.principal, filter ?? {}, page);
  }
}
