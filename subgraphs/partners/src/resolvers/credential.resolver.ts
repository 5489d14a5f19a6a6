import { Arg, Args, Authorized, Ctx, Directive, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Bound, BoundedArg, Connection, IdArg, isReadOnly, OperatorRole, PageArgs, Role } from "@intersettle/shared";
import { ApiCredential, OperatorToken, Partner } from "../entities";
import type { PartnersContext } from "./context";

@ObjectType()
export class ApiCredentialConnection extends Connection(ApiCredential) {}

@ObjectType()
export class OperatorTokenConnection extends Connection(OperatorToken) {}

@ObjectType({ description: "A new API key. `secret` is shown only here; store it now." })
export class IssuedApiCredential {
  @Field(() => ApiCredential)
  credential: ApiCredential;

  @Field()
  secret: string;
}

@ObjectType({ description: "A new operator token. `secret` is shown only here; store it now." })
export class IssuedOperatorToken {
  @Field(() => OperatorToken)
  token: OperatorToken;

  @Field()
  secret: string;
}

/** What the gateway learns from a bearer secret; internal to the hub. */
@Directive("@inaccessible")
@ObjectType()
export class AuthenticatedPrincipal {
  @Field()
  kind: string;

  @Field(() => ID, { nullable: true })
  partnerId?: string;

  @Field(() => ID, { nullable: true })
  credentialId?: string;

  @Field(() => ID, { nullable: true })
  operatorId?: string;

  @Field(() => String, { nullable: true })
  operatorName?: string;

  @Field(() => [OperatorRole])
  roles: OperatorRole[];

  @Field({ description: "A partner blocked for credit may read its account but change nothing." })
  readOnly: boolean;

  @Field(() => Date, { nullable: true, description: "When the secret stops working; null: until revoked. A cached principal is not used past it." })
  expiresAt?: Date | null;
}

@Resolver(() => ApiCredential)
export class CredentialResolver {
  @Authorized(Role.VIEWER, Role.PARTNER)
  @Query(() => ApiCredentialConnection, { description: "API keys (never their secrets); a partner sees its own." })
  apiCredentials(
    @IdArg("partnerId", { nullable: true }) partnerId: string | null,
    @Arg("includeRevoked", { defaultValue: false }) includeRevoked: boolean,
    @Args() page: PageArgs,
    @Ctx() ctx: PartnersContext,
  ) {
    return ctx.services.credentials.listApiCredentials(ctx.principal, partnerId ?? undefined, includeRevoked, page);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => IssuedApiCredential)
  createApiCredential(
    @IdArg("partnerId") partnerId: string,
    @BoundedArg("name", { maxLength: Bound.NAME }) name: string,
    @Arg("expiresAt", () => Date, { nullable: true, description: "When the key stops working; omitted: until revoked." }) expiresAt: Date | null,
    @Ctx() ctx: PartnersContext,
  ) {
    return ctx.services.credentials.createApiCredential(ctx.principal, partnerId, name, expiresAt);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => IssuedApiCredential, { description: "A new key for the same partner and name; the old one keeps working for overlapHours (0: stops now)." })
  rotateApiCredential(
    @IdArg("id") id: string,
    @BoundedArg("overlapHours", { min: 0, max: 720 }, () => Int) overlapHours: number,
    @Arg("expiresAt", () => Date, { nullable: true, description: "When the new key stops working; omitted: until revoked." }) expiresAt: Date | null,
    @Ctx() ctx: PartnersContext,
  ) {
    return ctx.services.credentials.rotateApiCredential(ctx.principal, id, overlapHours, expiresAt);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => ApiCredential, { description: "Revoked keys stop working at once." })
  revokeApiCredential(@IdArg("id") id: string, @Ctx() ctx: PartnersContext) {
    return ctx.services.credentials.revokeApiCredential(ctx.principal, id);
  }

  @Authorized(Role.ADMIN)
  @Query(() => OperatorTokenConnection)
  operatorTokens(@Arg("includeRevoked", { defaultValue: false }) includeRevoked: boolean, @Args() page: PageArgs, @Ctx() ctx: PartnersContext) {
    return ctx.services.credentials.listOperatorTokens(includeRevoked, page);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => IssuedOperatorToken)
  createOperatorToken(
    @BoundedArg("name", { maxLength: Bound.NAME }) name: string,
    @BoundedArg("roles", { maxItems: 10 }, () => [OperatorRole]) roles: OperatorRole[],
    @Arg("expiresAt", () => Date, { nullable: true, description: "When the token stops working; omitted: until revoked." }) expiresAt: Date | null,
    @Ctx() ctx: PartnersContext,
  ) {
    return ctx.services.credentials.createOperatorToken(ctx.principal, name, roles, expiresAt);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => OperatorToken)
  revokeOperatorToken(@IdArg("id") id: string, @Ctx() ctx: PartnersContext) {
    return ctx.services.credentials.revokeOperatorToken(ctx.principal, id);
  }

  @Directive("@inaccessible")
  @Authorized(Role.SERVICE)
  @Query(() => AuthenticatedPrincipal, { nullable: true, description: "Internal: the gateway resolves bearer secrets here." })
  async authenticate(@BoundedArg("secret", { maxLength: Bound.NAME }) secret: string, @Ctx() ctx: PartnersContext): Promise<AuthenticatedPrincipal | null> {
    const found = await ctx.services.credentials.authenticate(secret);
    if (!found) return null;
    const { principal, expiresAt } = found;
    if (principal.kind === "partner") return { kind: "partner", partnerId: principal.partnerId, credentialId: principal.credentialId, roles: [], readOnly: isReadOnly(principal), expiresAt };
    if (principal.kind === "operator") return { kind: "operator", operatorId: principal.id, operatorName: principal.name, roles: principal.roles, readOnly: false, expiresAt };
    return null;
  }

  @FieldResolver(() => Partner)
  partner(@Root() credential: ApiCredential, @Ctx() ctx: PartnersContext) {
    return ctx.loaders.partner.load(credential.partnerId);
  }
}
