import type { AuthChecker } from "type-graphql";
import { ForbiddenError, UnauthenticatedError } from "../errors";
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
