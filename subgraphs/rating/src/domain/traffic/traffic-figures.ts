import { Decimal } from "@intersettle/shared";

/** Counts of some traffic: attempts, answered calls and their billed seconds. */
export interface TrafficCounts {
  attempts: number;
  answered: number;
  seconds: number;
}

/** Billed minutes. */
export function minutesOf(seconds: number): number {
  return seconds / 60;
}

/** Answer-seizure ratio, answered ÷ attempts; null without attempts. */
export function answerSeizureRatio(t: TrafficCounts): number | null {
  return t.attempts ? t.answered / t.attempts : null;
}

/** Average call duration of answered calls, in seconds; null without answered calls. */
export function averageCallDuration(t: TrafficCounts): number | null {
  return t.answered ? t.seconds / t.answered : null;
}

/** Revenue less cost; null when either is unknown to the caller (a partner never sees the other side). */
export function marginOf(revenue: string | null, cost: string | null): Decimal | null {
  return revenue === null || cost === null ? null : new Decimal(revenue).minus(cost);
}
