import type { PrefixIndex } from "@intersettle/shared";
import type { IrsfRange } from "./irsf-ranges";
import type { PumpingWatch } from "./fraud-rules";

/** A call kept as evidence of a signal. */
export interface SampleCall {
  callId: string;
  bNumber: string;
  start: string;
  duration: number;
}

/** Calls of one customer to one subject (an IRSF range, or a number range for pumping) in one window. */
export interface SignalCount {
  subject: string;
  /** The IRSF range's name; empty for number ranges. */
  name: string;
  windowStartMs: number;
  windowMs: number;
  calls: number;
  seconds: number;
  samples: SampleCall[];
}

/** What one block's calls show, per customer partner, for the rules that need the calls themselves, not totals. */
export interface PartnerSignals {
  partnerId: string;
  irsf: SignalCount[];
  shortCalls: SignalCount[];
}

/** What rating threads watch for: the IRSF ranges (none: nothing to look up) and each partner's pumping rule. */
export interface SignalWatch {
  irsf: PrefixIndex<IrsfRange> | null;
  pumping: ReadonlyMap<string, PumpingWatch>;
}

const DAY_MS = 86_400_000;
const SAMPLES = 3;
/** A block's signals travel in its traffic event: bounded, the heaviest subjects first. */
export const MAX_IRSF_SUBJECTS = 100;
export const MAX_SHORT_CALL_SUBJECTS = 50;

/**
 * Counts, as calls are rated, each customer's calls into IRSF ranges and its short answered calls per number range.
 * A call costs a trie walk when ranges are imported and a map lookup when it is short; other calls cost nothing.
 */
export class CallSignals {
  private readonly byPartner = new Map<string, { irsf: Map<string, SignalCount>; short: Map<string, SignalCount> }>();

  constructor(private readonly watch: SignalWatch) {}

  add(customerId: string, callId: string, bNumber: string, startMs: number, duration: number, answered: boolean): void {
    const { irsf, pumping } = this.watch;
    if (irsf) {
      const hit = irsf.longestMatch(bNumber);
      if (hit) count(this.partner(customerId).irsf, hit.prefix, hit.value.name, startMs, DAY_MS, callId, bNumber, duration);
    }
    if (!answered) return;
    const rule = pumping.get(customerId);
    if (rule && duration < rule.maxSeconds && bNumber.length > rule.rangeDigits) {
      count(this.partner(customerId).short, bNumber.slice(0, bNumber.length - rule.rangeDigits), "", startMs, rule.windowMs, callId, bNumber, duration);
    }
  }

  /** Per partner, its IRSF hits and its number ranges with the most short calls. */
  summary(): PartnerSignals[] {
    const heaviest = (counts: Map<string, SignalCount>, max: number) => [...counts.values()].sort((a, b) => b.calls - a.calls || (a.subject < b.subject ? -1 : 1)).slice(0, max);
    return [...this.byPartner.entries()].map(([partnerId, s]) => ({ partnerId, irsf: heaviest(s.irsf, MAX_IRSF_SUBJECTS), shortCalls: heaviest(s.short, MAX_SHORT_CALL_SUBJECTS) }));
  }

  private partner(partnerId: string) {
    let signals = this.byPartner.get(partnerId);
    if (!signals) this.byPartner.set(partnerId, (signals = { irsf: new Map(), short: new Map() }));
    return signals;
  }
}

function count(counts: Map<string, SignalCount>, subject: string, name: string, startMs: number, windowMs: number, callId: string, bNumber: string, duration: number): void {
  const windowStartMs = startMs - (startMs % windowMs);
  const key = `${subject}|${windowStartMs}`;
  let c = counts.get(key);
  if (!c) counts.set(key, (c = { subject, name, windowStartMs, windowMs, calls: 0, seconds: 0, samples: [] }));
  c.calls++;
  c.seconds += duration;
  if (c.samples.length < SAMPLES) c.samples.push({ callId, bNumber, start: new Date(startMs).toISOString(), duration });
}
