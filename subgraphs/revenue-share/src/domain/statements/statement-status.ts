export enum StatementStatus {
  /** Drawn up by a statement run; may be drawn up again until published. */
  DRAFT = "DRAFT",
  /** Visible to the partner and payable; never edited again: corrections go on a later statement as adjustments. */
  PUBLISHED = "PUBLISHED",
  SETTLED = "SETTLED",
  /** The partner contests it; a dispute ends when the statement is settled (with any correction on a later one). */
  DISPUTED = "DISPUTED",
}

const NEXT: Record<StatementStatus, StatementStatus[]> = {
  [StatementStatus.DRAFT]: [StatementStatus.PUBLISHED],
  [StatementStatus.PUBLISHED]: [StatementStatus.SETTLED, StatementStatus.DISPUTED],
  [StatementStatus.DISPUTED]: [StatementStatus.SETTLED],
  [StatementStatus.SETTLED]: [],
};

export function allowedStatementTransitions(from: StatementStatus): StatementStatus[] {
  return NEXT[from];
}

/** Why a statement cannot go from `from` to `to`, or undefined when it can. */
export function statementTransitionRefusal(from: StatementStatus, to: StatementStatus): string | undefined {
  if (NEXT[from].includes(to)) return undefined;
  const allowed = NEXT[from];
  const why = allowed.length === 0 ? "it is final" : `it can only become ${allowed.join(" or ")}`;
  return `a ${from} statement cannot become ${to}: ${why}`;
}
