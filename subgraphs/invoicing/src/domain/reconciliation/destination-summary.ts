import { Decimal } from "@intersettle/shared";
import type { ClaimedLine, OurCall } from "./claimed-records";
import type { CallMatch, MatchTolerances } from "./call-matching";

/** How one destination's totals compare. MISSING_*: only the other side has traffic there. */
export type DestinationComparison = "MATCHED" | "MISMATCH" | "MISSING_OURS" | "MISSING_THEIRS";

/** Where a call lands when neither side names its destination (a call only the partner has). */
export const UNKNOWN_DESTINATION = "UNKNOWN";

export interface DestinationTotals {
  calls: number;
  seconds: number;
  amount: Decimal;
}

export interface DestinationSummary {
  destination: string;
  status: DestinationComparison;
  ours: DestinationTotals;
  theirs: DestinationTotals;
  /** Their amount − our amount. */
  difference: Decimal;
}

const empty = (): DestinationTotals => ({ calls: 0, seconds: 0, amount: new Decimal(0) });

interface TallyRow {
  destination: string;
  ours: DestinationTotals;
  theirCalls: number;
  theirSeconds: number;
  /** Our amount of calls the partner does not have: not part of theirs. */
  oursAlone: Decimal;
  /** What the partner adds to our amount of the calls both have: differences, and its calls and lines alone. */
  theirsBeyond: Decimal;
}

/**
 * Totals per destination, added up as calls come (so a caller can stream a million calls through it). A call both
 * sides have costs one decimal addition: their amount is ours plus the differences, never summed call by call.
 */
export class DestinationTally {
  private readonly rows = new Map<string, TallyRow>();
  /** Rows by the name exactly as written, so the same spelling is normalised once, not per call. */
  private readonly bySpelling = new Map<string | null, TallyRow>();

  /** Partners spell a destination their own way: compared trimmed and case-blind, shown as first seen (ours first). */
  private row(destination: string | null): TallyRow {
    const seen = this.bySpelling.get(destination);
    if (seen) return seen;
    const name = destination?.trim() || UNKNOWN_DESTINATION;
    const key = name.toUpperCase();
    let row = this.rows.get(key);
    if (!row) this.rows.set(key, (row = { destination: name, ours: empty(), theirCalls: 0, theirSeconds: 0, oursAlone: new Decimal(0), theirsBeyond: new Decimal(0) }));
    this.bySpelling.set(destination, row);
    return row;
  }

  /** One of our calls the partner's side does not pair (an invoice claim's, or one missing in theirs). */
  addOurs(call: OurCall): void {
    const row = this.row(call.destination);
    add(row.ours, 1, call.duration, call.amount);
    row.oursAlone = row.oursAlone.plus(call.amount);
  }

  addTheirs(destination: string | null, calls: number, seconds: number, amount: Decimal): void {
    const row = this.row(destination);
    row.theirCalls += calls;
    row.theirSeconds += seconds;
    if (!amount.isZero()) row.theirsBeyond = row.theirsBeyond.plus(amount);
  }

  /** A summary line of an invoice claim; its minutes as whole seconds. */
  addClaimedLine(line: ClaimedLine): void {
    this.addTheirs(line.destination, line.calls, line.minutes.times(60).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber(), line.amount);
  }

  /** One call result of matchCalls: their side is counted under our call's destination. */
  addMatch(match: CallMatch): void {
    const { ours, theirs } = match;
    if (!ours) return this.addTheirs(null, 1, theirs!.duration, match.difference);
    if (!theirs) return this.addOurs(ours);
    const row = this.row(ours.destination);
    add(row.ours, 1, ours.duration, ours.amount);
    row.theirCalls += 1;
    row.theirSeconds += theirs.duration;
    if (!match.difference.isZero()) row.theirsBeyond = row.theirsBeyond.plus(match.difference);
  }

  /** Summaries by destination name. Per-call tolerances add up over a destination's calls. */
  summaries(tolerances: MatchTolerances): DestinationSummary[] {
    return [...this.rows.values()]
      .map(({ destination, ours, theirCalls, theirSeconds, oursAlone, theirsBeyond }) => {
        const theirs = { calls: theirCalls, seconds: theirSeconds, amount: ours.amount.minus(oursAlone).plus(theirsBeyond) };
        return { destination, ours, theirs, difference: theirs.amount.minus(ours.amount), status: compareTotals(ours, theirs, tolerances) };
      })
      .sort((a, b) => (a.destination < b.destination ? -1 : a.destination > b.destination ? 1 : 0));
  }
}

function add(totals: DestinationTotals, calls: number, seconds: number, amount: Decimal): void {
  totals.calls += calls;
  totals.seconds += seconds;
  totals.amount = totals.amount.plus(amount);
}

/** MATCHED: same number of calls, seconds and amount each within the per-call tolerance times the calls. */
export function compareTotals(ours: DestinationTotals, theirs: DestinationTotals, tolerances: MatchTolerances): DestinationComparison {
  if (ours.calls === 0 && theirs.calls === 0 && ours.amount.isZero() && theirs.amount.isZero()) return "MATCHED";
  if (ours.calls === 0 && ours.amount.isZero()) return "MISSING_OURS";
  if (theirs.calls === 0 && theirs.amount.isZero()) return "MISSING_THEIRS";
  const calls = Math.max(ours.calls, theirs.calls);
  const within =
    ours.calls === theirs.calls &&
    Math.abs(theirs.seconds - ours.seconds) <= tolerances.durationToleranceSeconds * calls &&
    theirs.amount.minus(ours.amount).abs().lessThanOrEqualTo(tolerances.amountTolerance.times(calls));
  return within ? "MATCHED" : "MISMATCH";
}

/** An invoice claim: our calls against the partner's summary lines, per destination. Minutes become whole seconds. */
export function compareWithClaimedLines(ours: Iterable<OurCall>, lines: readonly ClaimedLine[], tolerances: MatchTolerances): DestinationSummary[] {
  const tally = new DestinationTally();
  for (const call of ours) tally.addOurs(call);
  for (const line of lines) tally.addClaimedLine(line);
  return tally.summaries(tolerances);
}
