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

/** Totals per destination, added up as calls come (so a caller can stream a million calls through it). */
export class DestinationTally {
  private readonly rows = new Map<string, { destination: string; ours: DestinationTotals; theirs: DestinationTotals }>();

  /** Partners spell a destination their own way: compared trimmed and case-blind, shown as first seen (ours first). */
  private row(destination: string | null) {
    const name = destination?.trim() || UNKNOWN_DESTINATION;
    const key = name.toUpperCase();
    let row = this.rows.get(key);
    if (!row) this.rows.set(key, (row = { destination: name, ours: empty(), theirs: empty() }));
    return row;
  }

  addOurs(call: OurCall): void {
    add(this.row(call.destination).ours, 1, call.duration, call.amount);
  }

  addTheirs(destination: string | null, calls: number, seconds: number, amount: Decimal): void {
    add(this.row(destination).theirs, calls, seconds, amount);
  }

  /** A summary line of an invoice claim; its minutes as whole seconds. */
  addClaimedLine(line: ClaimedLine): void {
    this.addTheirs(line.destination, line.calls, line.minutes.times(60).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber(), line.amount);
  }

  /** One call result of matchCalls: their side is counted under our call's destination. */
  addMatch(match: CallMatch): void {
    if (match.ours) this.addOurs(match.ours);
    if (match.theirs) this.addTheirs(match.ours?.destination ?? null, 1, match.theirs.duration, match.ours ? match.ours.amount.plus(match.difference) : match.difference);
  }

  /** Summaries by destination name. Per-call tolerances add up over a destination's calls. */
  summaries(tolerances: MatchTolerances): DestinationSummary[] {
    return [...this.rows.values()]
      .map(({ destination, ours, theirs }) => ({ destination, ours, theirs, difference: theirs.amount.minus(ours.amount), status: compareTotals(ours, theirs, tolerances) }))
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
