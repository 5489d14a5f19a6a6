import { GraphQLError } from "graphql";

/** Stable `extensions.code` values clients can branch on. */
export type ErrorCode = "BAD_USER_INPUT" | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT";

/** One problem with one input field; `field` is a dotted path such as `contacts.0.email`. */
export interface FieldProblem {
  field: string;
  message: string;
}

export class BadUserInputError extends GraphQLError {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join("; "), {
      extensions: { code: "BAD_USER_INPUT", field: problems[0]?.field, problems },
    });
  }
}

export class UnauthenticatedError extends GraphQLError {
  constructor(message = "Authentication required") {
    super(message, { extensions: { code: "UNAUTHENTICATED" } });
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message = "Not allowed") {
    super(message, { extensions: { code: "FORBIDDEN" } });
  }
}

export class NotFoundError extends GraphQLError {
  constructor(entity: string, id: string) {
    super(`${entity} ${id} not found`, { extensions: { code: "NOT_FOUND", entity, id } });
  }
}

export class ConflictError extends GraphQLError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code: "CONFLICT", ...extra } });
  }
}

/** Throws BAD_USER_INPUT listing every problem, when there is any. */
export function assertNoProblems(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new BadUserInputError(problems);
}
