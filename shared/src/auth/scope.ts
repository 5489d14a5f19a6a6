import type { AuthChecker } from "type-graphql";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "../errors";
import { isReadOnly, rolesOf, type Principal, type RoleName } from "./principal";

export interface AuthContext {
  principal?: Principal;
}

export const READ_ONLY_MESSAGE = "This partner account is blocked for credit and read-only: it can read its records but change nothing";

/** Refuses any change by a read-only principal; for writes that do not pass through a GraphQL mutation (file uploads). */
export function assertMayWrite(principal: Principal): void {
  if (isReadOnly(principal)) throw new ForbiddenError(READ_ONLY_MESSAGE);
}

/**
 * type-graphql authChecker: `@Authorized()` needs any principal, `@Authorized("OPERATOR", "PARTNER")` any of those roles.
 * Inside a mutation a read-only principal is refused whatever the roles, so no mutation can forget to check it.
 */
export const principalAuthChecker: AuthChecker<AuthContext> = ({ context, info }, roles) => {
  const principal = context.principal;
  if (!principal) throw new UnauthenticatedError();
  if (info.operation.operation === "mutation") assertMayWrite(principal);
  if (roles.length === 0) return true;
  const held = rolesOf(principal);
  if (roles.some((r) => held.has(r as RoleName))) return true;
  throw new ForbiddenError(`Requires one of: ${roles.join(", ")}`);
};

export function requirePrincipal(context: AuthContext): Principal {
  if (!context.principal) throw new UnauthenticatedError();
  return context.principal;
}

/** The partner id a query must be limited to, or undefined when the caller may see every partner. */
export function partnerScope(principal: Principal): string | undefined {
  return principal.kind === "partner" ? principal.partnerId : undefined;
}

/** True when the caller may see records of `partnerId`. */
export function canSeePartner(principal: Principal, partnerId: string): boolean {
  return principal.kind !== "partner" || principal.partnerId === partnerId;
}

/** Another partner's record answers NOT_FOUND, so a partner cannot even learn that it exists. */
export function assertCanSeePartner(principal: Principal, partnerId: string, entity = "Partner", id = partnerId): void {
  if (!canSeePartner(principal, partnerId)) throw new NotFoundError(entity, id);
}

/** Narrows a partner-id filter to the caller's own partner; asking for another partner is FORBIDDEN. */
export function scopedPartnerFilter(principal: Principal, requested?: string): string | undefined {
  const own = partnerScope(principal);
  if (!own) return requested;
  if (requested && requested !== own) throw new ForbiddenError("A partner may only read its own records");
  return own;
}
