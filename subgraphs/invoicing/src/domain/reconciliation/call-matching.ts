import { Decimal } from "@intersettle/shared";
import type { CallComparison, OurCall, TheirCall } from "./claimed-records";

/** How far two records of one call may differ and still agree. A difference equal to a tolerance is within it. */
export interface MatchTolerances {
  /** Pairing by numbers: the two starts at most this many seconds apart. */
  startToleranceSeconds: number;
  /** A paired call whose durations differ by more is a DURATION_MISMATCH. */
  durationToleranceSeconds: number;
  /** A paired call whose amounts differ by more is a RATE_MISMATCH. */
  amountTolerance: Decimal;
}

export const DEFAULT_MATCH_TOLERANCES: Readonly<MatchTolerances> = Object.freeze({
  startToleranceSeconds: 2,
  durationToleranceSeconds: 1,
  amountTolerance: new Decimal("0.0001"),
});

/**
 * One call as both sides see it. `difference` = their amount − our amount; a partner record without an amount is
 * taken to charge what we rated (difference 0 on a pair, 0 for a call only they have).
 */
export interface CallMatch {
  status: CallComparison;
  ours: OurCall | null;
  theirs: TheirCall | null;
  difference: Decimal;
}

const ZERO = new Decimal(0);

/** The tolerances asked for, the defaults for those not given; BAD_USER_INPUT problems for impossible ones. */
export function matchTolerances(asked: Partial<MatchTolerances>): { tolerances: MatchTolerances; problems: Array<{ field: string; message: string }> } {
  const tolerances = { ...DEFAULT_MATCH_TOLERANCES, ...Object.fromEntries(Object.entries(asked).filter(([, v]) => v !== undefined && v !== null)) } as MatchTolerances;
  const problems: Array<{ field: string; message: string }> = [];
  for (const field of ["startToleranceSeconds", "durationToleranceSeconds"] as const) {
    const v = tolerances[field];
    if (!Number.isInteger(v) || v < 0 || v > 86_400) problems.push({ field, message: "must be a whole number of seconds from 0 to 86400" });
  }
  if (tolerances.amountTolerance.isNegative()) problems.push({ field: "amountTolerance", message: "must not be negative" });
  return { tolerances, problems };
}

/** How one pair compares: duration first (a longer call costs more, so it explains the amount), then amount. */
export function comparePair(ours: OurCall, theirs: TheirCall, tolerances: MatchTolerances): CallMatch {
  // Most pairs agree to the digit: comparing allocates nothing, subtracting would.
  const difference = theirs.amount === null || theirs.amount.eq(ours.amount) ? ZERO : theirs.amount.minus(ours.amount);
  let status: CallComparison = "MATCHED";
  if (Math.abs(theirs.duration - ours.duration) > tolerances.durationToleranceSeconds) status = "DURATION_MISMATCH";
  else if (difference.abs().greaterThan(tolerances.amountTolerance)) status = "RATE_MISMATCH";
  return { status, ours, theirs, difference };
}

/**
 * Every call of both sides, each in exactly one result, pairs one to one. First by call id where the partner's record
 * carries one of ours (the first of ours with that id); the rest (their calls without an id or with one we do not
 * know, and our calls left over) by A and B number with starts within the tolerance, earliest first. The in-memory
 * statement of the rule; the runner applies it over PostgreSQL-sorted streams (see claim-call-matching).
 */
export function* matchCalls(ours: Iterable<OurCall>, theirs: readonly TheirCall[], tolerances: MatchTolerances): Generator<CallMatch> {
  const theirsById = new Map<string, number>();
  theirs.forEach((call, j) => {
    if (call.callId !== null && !theirsById.has(call.callId)) theirsById.set(call.callId, j);
  });
  const paired = new Uint8Array(theirs.length);
  const oursLeft: OurCall[] = [];
  for (const call of ours) {
    const j = theirsById.get(call.callId);
    if (j === undefined || paired[j]) oursLeft.push(call);
    else {
      paired[j] = 1;
      yield comparePair(call, theirs[j], tolerances);
    }
  }
  yield* matchByNumbers(oursLeft, theirs.filter((_, j) => !paired[j]), tolerances);
}

/** The key calls are paired under when no call id pairs them. */
export const numbersKey = (c: { aNumber: string; bNumber: string }) => `${c.aNumber}\u0000${c.bNumber}`;

/** Calls with the same A and B number, in start order, paired greedily: for points on a line this pairs the most. */
function* matchByNumbers(ours: OurCall[], theirs: TheirCall[], tolerances: MatchTolerances): Generator<CallMatch> {
  const byStart = (a: { start: Date }, b: { start: Date }) => a.start.getTime() - b.start.getTime();
  const theirsByKey = new Map<string, TheirCall[]>();
  for (const call of theirs) {
    const group = theirsByKey.get(numbersKey(call));
    if (group) group.push(call);
    else theirsByKey.set(numbersKey(call), [call]);
  }
  const oursByKey = new Map<string, OurCall[]>();
  for (const call of ours) {
    const group = oursByKey.get(numbersKey(call));
    if (group) group.push(call);
    else oursByKey.set(numbersKey(call), [call]);
  }
  for (const [k, mine] of oursByKey) {
    const yours = theirsByKey.get(k) ?? [];
    theirsByKey.delete(k);
    yield* pairByStart(mine.sort(byStart), yours.sort(byStart), tolerances);
  }
  for (const yours of theirsByKey.values()) for (const call of yours) yield missingOurs(call);
}

/**
 * One A and B number's calls of both sides, each already in start order, paired greedily: the earliest of ours with
 * the earliest of theirs when their starts are within the tolerance, else the earlier one is missing on the other side.
 */
export function* pairByStart(mine: readonly OurCall[], yours: readonly TheirCall[], tolerances: MatchTolerances): Generator<CallMatch> {
  const window = tolerances.startToleranceSeconds * 1000;
  let i = 0;
  let j = 0;
  while (i < mine.length && j < yours.length) {
    const gap = yours[j].start.getTime() - mine[i].start.getTime();
    if (gap > window) yield missingTheirs(mine[i++]);
    else if (gap < -window) yield missingOurs(yours[j++]);
    else yield comparePair(mine[i++], yours[j++], tolerances);
  }
  while (i < mine.length) yield missingTheirs(mine[i++]);
  while (j < yours.length) yield missingOurs(yours[j++]);
}

function missingTheirs(ours: OurCall): CallMatch {
  return { status: "MISSING_THEIRS", ours, theirs: null, difference: ours.amount.negated() };
}

function missingOurs(theirs: TheirCall): CallMatch {
  return { status: "MISSING_OURS", ours: null, theirs, difference: theirs.amount ?? ZERO };
}
