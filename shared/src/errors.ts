import { GraphQLError } from "graphql";

/** Stable `extensions.code` values clients can branch on. */
export type ErrorCode = "BAD_USER_INPUT" | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT";

/** One problem with one input field; `field` is a dotted path such as `contacts.0.email`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** A file with a bad value on every line must not produce an answer as large as the file. */
const MAX_PROBLEMS = 100;
const MAX_PROBLEM_CHARS = 300;

export class BadUserInputError extends GraphQLError {
  readonly problems: FieldProblem[];

  constructor(problems: FieldProblem[]) {
    const listed = problems.slice(0, MAX_PROBLEMS).map((p) => ({ field: clipText(p.field), message: clipText(p.message) }));
    const unlisted = problems.length - listed.length;
    super(listed.map((p) => `${p.field}: ${p.message}`).join("; ") + (unlisted > 0 ? `; and ${unlisted} more` : ""), {
      extensions: { code: "BAD_USER_INPUT", field: listed[0]?.field, problems: listed, ...(unlisted > 0 && { unlistedProblems: unlisted }) },
    });
    this.problems = listed;
  }
}

/** Text short enough to quote in an error: a value from a file or an input is never echoed whole. */
export function clipText(text: string): string {
  return text.length <= MAX_PROBLEM_CHARS ? text : `${text.slice(0, MAX_PROBLEM_CHARS)}…`;
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
