import type { AuthChecker } from "type-graphql";
import { ForbiddenError, UnauthenticatedError } from "../errors";
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
