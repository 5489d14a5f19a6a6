/** Operator roles, strongest first: ADMIN manages tokens, OPERATOR changes business data, VIEWER reads. */
export enum OperatorRole {
  ADMIN = "ADMIN",
  OPERATOR = "OPERATOR",
  VIEWER = "VIEWER",
}

/**
 * Who is calling: a hub operator, a partner's integration (scoped to one partner), or another hub service.
 * A partner blocked for credit is `readOnly`: it may still read its own account, to see why and pay.
 */
export type Principal =
  | { kind: "operator"; id: string; name: string; roles: OperatorRole[] }
  | { kind: "partner"; partnerId: string; credentialId: string; readOnly?: boolean }
  | { kind: "service"; service: string };

/** Role names used with type-graphql's `@Authorized(...)`. */
export const Role = {
  ADMIN: "ADMIN",
  OPERATOR: "OPERATOR",
  VIEWER: "VIEWER",
  PARTNER: "PARTNER",
  SERVICE: "SERVICE",
} as const;
export type RoleName = (typeof Role)[keyof typeof Role];

/** The roles a principal holds, stronger operator roles implying the weaker ones. */
export function rolesOf(principal: Principal): Set<RoleName> {
  switch (principal.kind) {
    case "partner":
      return new Set([Role.PARTNER]);
    case "service":
      return new Set([Role.SERVICE]);
    case "operator": {
      const roles = new Set<RoleName>();
      if (principal.roles.includes(OperatorRole.ADMIN)) roles.add(Role.ADMIN).add(Role.OPERATOR).add(Role.VIEWER);
      if (principal.roles.includes(OperatorRole.OPERATOR)) roles.add(Role.OPERATOR).add(Role.VIEWER);
      if (principal.roles.includes(OperatorRole.VIEWER)) roles.add(Role.VIEWER);
      return roles;
    }
  }
}

/** Short text naming the principal in audit trails. */
export function describePrincipal(principal: Principal): string {
  switch (principal.kind) {
    case "operator":
      return `operator:${principal.name}`;
    case "partner":
      return `partner:${principal.partnerId}`;
    case "service":
      return `service:${principal.service}`;
  }
}

/** True for a principal that may read but change nothing. */
export function isReadOnly(principal: Principal): boolean {
  return principal.kind === "partner" && principal.readOnly === true;
}
