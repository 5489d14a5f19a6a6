import type { CdrValueSettings } from "../config";
import { trimPadding, unstorableValue } from "../files";
import type { CdrField } from "./cdr-format";

/**
 * The most characters each field of a CDR may have. A call id is keyed in a btree index, whose entries hold at
 * most ~2,700 bytes; numbers longer than any dialling plan's and names longer than any switch writes are not
 * data but damage.
 */
export const CDR_FIELD_MAX_LENGTH: Readonly<Record<CdrField, number>> = {
  callId: 200,
  start: 64,
  answer: 64,
  duration: 32,
  units: 32,
  aNumber: 64,
  bNumber: 64,
  ingress: 200,
  egress: 200,
  account: 200,
  disposition: 64,
  service: 16,
  amount: 64,
};

/** Fields as operators read them in rejects: the native CSV's column names. */
export const CDR_FIELD_NAMES: Readonly<Record<CdrField, string>> = {
  callId: "call_id",
  start: "start",
  answer: "answer",
  duration: "duration",
  units: "units",
  aNumber: "a_number",
  bNumber: "b_number",
  ingress: "ingress",
  egress: "egress",
  account: "account",
  disposition: "disposition",
  service: "service",
  amount: "amount",
};

/** Durations and units are stored as 32-bit integers. */
export const INT4_MAX = 2_147_483_647;

/** What a record's values may be, fixed when its job starts. */
export interface CdrLimits {
  /** The longest billable duration, in seconds. */
  maxDurationSeconds: number;
  /** The earliest and latest call start accepted, epoch milliseconds. */
  earliestMs: number;
  latestMs: number;
}

/** The limits the settings give at `now`: starts from `pastYears` calendar years before it to `futureDays` after. */
export function cdrLimits(settings: CdrValueSettings, now: Date): CdrLimits {
  const earliest = new Date(now.getTime());
  earliest.setUTCFullYear(earliest.getUTCFullYear() - settings.pastYears);
  return { maxDurationSeconds: settings.maxDurationSeconds, earliestMs: earliest.getTime(), latestMs: now.getTime() + settings.futureDays * 86_400_000 };
}

/** The call id calls are keyed by: the text without padding at either end (see trimPadding). */
export const normalizeCallId = trimPadding;

/** Why a field's text cannot be stored (see unstorableValue), or undefined. */
export function unstorableText(field: CdrField, text: string): string | undefined {
  return unstorableValue(CDR_FIELD_NAMES[field], text, CDR_FIELD_MAX_LENGTH[field]);
}

/** A duration ceiling as people say it: "7 days", "12 hours", or seconds. */
export function spokenSeconds(seconds: number): string {
  if (seconds % 86_400 === 0) return seconds === 86_400 ? "1 day" : `${seconds / 86_400} days`;
  if (seconds % 3600 === 0) return seconds === 3600 ? "1 hour" : `${seconds / 3600} hours`;
  return `${seconds} s`;
}
