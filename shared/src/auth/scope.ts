import type { AuthChecker } from "type-graphql";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "../errors";
import { rolesOf, type Principal, type RoleName } from "./principal";

export interface AuthContext {
  principal?: Principal;
}

/** type-graphql authChecker: `@Authorized()` needs any principal, `@Authorized("OPERATOR", "PARTNER")` any of those roles. */
export const principalAuthChecker: AuthChecker<AuthContext> = ({ context }, roles) => {
  const principal = context.principal;
  if (!principal) throw new UnauthenticatedError();
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
