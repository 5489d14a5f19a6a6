import type { FieldProblem } from "@intersettle/shared";
import type { ShareAgreementTerms } from "./agreement-terms";

/**
 * The version that governs a period: the one in force on the period's first local date. A version that starts
 * mid-period governs from the next period on; nothing is prorated, so a period always has one set of terms, one
 * guarantee and one cap.
 */
export function termsInForce<T extends Pick<ShareAgreementTerms, "effectiveFrom" | "effectiveTo">>(versions: T[], firstDate: string): T | undefined {
  return versions.find((v) => v.effectiveFrom <= firstDate && (v.effectiveTo === null || firstDate <= v.effectiveTo));
}

/** Versions of one agreement must not overlap: a date would be governed twice. */
export function versionOverlapProblems(versions: Pick<ShareAgreementTerms, "version" | "effectiveFrom" | "effectiveTo">[]): FieldProblem[] {
  const sorted = versions.map((v, i) => ({ v, i })).sort((a, b) => (a.v.effectiveFrom < b.v.effectiveFrom ? -1 : a.v.effectiveFrom > b.v.effectiveFrom ? 1 : a.i - b.i));
  const problems: FieldProblem[] = [];
  // The version reaching furthest so far: any later start on or before its end overlaps it.
  let furthest: (typeof versions)[number] | undefined;
  for (const { v, i } of sorted) {
    if (furthest && (furthest.effectiveTo === null || furthest.effectiveTo >= v.effectiveFrom)) {
      problems.push({ field: `versions.${i}.effectiveFrom`, message: `overlaps version ${furthest.version} (from ${furthest.effectiveFrom} to ${furthest.effectiveTo ?? "open"})` });
    }
    if (!furthest || endsLater(v.effectiveTo, furthest.effectiveTo)) furthest = v;
  }
  return problems;
}

function endsLater(a: string | null, b: string | null): boolean {
  return b !== null && (a === null || a > b);
}
