import { createHash } from "node:crypto";
import { RatedService } from "../tariffs";
import { normalizeDisposition, type CdrField, type CdrLayout } from "./cdr-format";
import { toE164, type NumberPlan } from "./number-normalization";
import { trunkOfChannel } from "./channel-trunk";
import { CDR_FIELD_MAX_LENGTH, CDR_FIELD_NAMES, INT4_MAX, normalizeCallId, spokenSeconds, unstorableText, type CdrLimits } from "./cdr-values";
import { parseRecordTime } from "../time";
import { quoted, timeFaultReason } from "../files";

/** One call as the switch saw it, normalized: UTC start, whole billable seconds, E.164 numbers. */
export interface NormalizedCdr {
  callId: string;
  start: Date;
  durationSeconds: number;
  aNumber: string;
  bNumber: string;
  ingress: string;
  egress: string;
  account: string;
  disposition: string;
  service: RatedService;
  /** Messages or KB for SMS, MMS and data; seconds for voice. */
  units: number;
}

export interface CdrProblem {
  field: string;
  message: string;
}

export interface CdrSourceRules extends NumberPlan {
  /** IANA zone the switch's clock writes in. */
  timezone: string;
  /** What the values may be: the duration ceiling and the window of starts. */
  limits: CdrLimits;
}

export type CdrColumnIndex = Partial<Record<CdrField, number>>;

/** Column positions of each field, from the layout and (for files with a header) the header row. */
export function resolveCdrColumns(layout: CdrLayout, header?: string[]): { columns: CdrColumnIndex; missing: CdrField[] } {
  const positions = new Map((header ?? []).map((h, i) => [h.trim().toLowerCase(), i]));
  const columns: CdrColumnIndex = {};
  for (const [field, column] of Object.entries(layout.columns) as Array<[CdrField, number | string]>) {
    const at = typeof column === "number" ? column : positions.get(column.toLowerCase());
    if (at !== undefined) columns[field] = at;
  }
  const required: CdrField[] = ["start", "duration", "bNumber"];
  return { columns, missing: required.filter((f) => columns[f] === undefined) };
}

/**
 * Parses one CDR row into a call, or names the field that makes it unusable and why: a value the rating or the
 * storage cannot take (too long, a NUL byte, bytes that were not UTF-8, beyond the duration ceiling or a 32-bit
 * integer, a start outside the window), a time not in the layout's format or not on the calendar, a blank call id.
 * `fromStorableText`: the record was read from bytes `isStorableText` passed, so no field holds NUL or U+FFFD.
 */
export function parseCdr(values: string[], columns: CdrColumnIndex, layout: CdrLayout, rules: CdrSourceRules, fromStorableText = false): { cdr?: NormalizedCdr; problem?: CdrProblem } {
  const read = readColumns(columns);
  for (let i = 0; i < read.length; i++) {
    const text = values[read[i].at];
    // Checked inline: it runs for every field of every record.
    if (text !== undefined && (text.length > read[i].max || (!fromStorableText && (text.indexOf("\u0000") !== -1 || text.indexOf("\uFFFD") !== -1)))) return rejected(read[i].field, unstorableText(read[i].field, text)!);
  }
  const { limits } = rules;
  const startText = field(values, columns.start);
  if (!startText) return rejected("start", "start is empty");
  const startMs = parseRecordTime(startText, rules.timezone, layout.dateFormat);
  if (typeof startMs === "string") return rejected("start", timeFaultReason("start", startMs, startText, layout.dateFormat));
  if (startMs < limits.earliestMs) return rejected("start", `start ${startText} is before ${utcMinute(limits.earliestMs)}, the earliest start accepted`);
  if (startMs > limits.latestMs) return rejected("start", `start ${startText} is after ${utcMinute(limits.latestMs)}, the latest start accepted`);

  const durationText = field(values, columns.duration);
  if (!durationText) return rejected("duration", "duration is empty");
  const durationSeconds = parseDuration(durationText, layout.durationUnit);
  if (durationSeconds === undefined) return rejected("duration", `duration ${quoted(durationText)} is not a whole or decimal number of ${UNIT_NAMES[layout.durationUnit]}`);
  if (durationSeconds > limits.maxDurationSeconds) {
    return rejected("duration", `duration ${durationText.length > 40 ? quoted(durationText) : durationText} ${UNIT_SYMBOLS[layout.durationUnit]} is beyond the ceiling of ${limits.maxDurationSeconds} s (${spokenSeconds(limits.maxDurationSeconds)})`);
  }

  const bRaw = field(values, columns.bNumber);
  const bNumber = toE164(bRaw, rules);
  if (!bNumber) return rejected("bNumber", bRaw ? `b_number ${quoted(bRaw)} has no digits to route on` : "b_number is empty");
  const serviceText = field(values, columns.service).toUpperCase();
  const service = serviceText ? SERVICES.get(serviceText) : RatedService.VOICE;
  if (!service) return rejected("service", `service ${quoted(serviceText)} must be VOICE, SMS, MMS or DATA`);
  const unitsText = field(values, columns.units);
  const counted = unitsText ? wholeNumber(unitsText) : 1;
  if (counted === undefined) return rejected("units", `units ${quoted(unitsText)} is not a whole number`);
  if (counted > INT4_MAX) return rejected("units", `units ${unitsText} is beyond ${INT4_MAX}, the most a record holds`);
  const units = service === RatedService.VOICE ? durationSeconds : counted;

  const idText = columns.callId === undefined ? undefined : values[columns.callId];
  // A file without call ids: the record's content identifies it, so loading it twice is still caught.
  const callId = idText === undefined ? syntheticCallId(values) : normalizeCallId(idText);
  if (!callId) return rejected("callId", idText ? "call_id is only whitespace" : "call_id is empty");
  const ingress = field(values, columns.ingress);
  const egress = field(values, columns.egress);
  const aNumber = toE164(field(values, columns.aNumber), rules) ?? "";
  return {
    cdr: {
      callId, start: new Date(startMs), durationSeconds, aNumber, bNumber,
      ingress: layout.trunkFromChannel ? trunkOfChannel(ingress) : ingress,
      egress: layout.trunkFromChannel ? trunkOfChannel(egress) : egress,
      account: field(values, columns.account),
      disposition: normalizeDisposition(field(values, columns.disposition)),
      service, units,
    },
  };
}

function rejected(field: CdrField, message: string): { problem: CdrProblem } {
  return { problem: { field: CDR_FIELD_NAMES[field], message } };
}

interface ReadColumn {
  field: CdrField;
  at: number;
  max: number;
}

/** The mapped columns of a layout with their longest values, made once per file's column index rather than per record. */
const columnLists = new WeakMap<CdrColumnIndex, ReadColumn[]>();
function readColumns(columns: CdrColumnIndex): ReadColumn[] {
  let list = columnLists.get(columns);
  if (!list) columnLists.set(columns, (list = (Object.entries(columns) as Array<[CdrField, number]>).map(([field, at]) => ({ field, at, max: CDR_FIELD_MAX_LENGTH[field] }))));
  return list;
}

const SERVICES = new Map(Object.values(RatedService).map((s) => [s as string, s]));
const UNIT_NAMES = { SECONDS: "seconds", MILLISECONDS: "milliseconds", MINUTES: "minutes" } as const;
const UNIT_SYMBOLS = { SECONDS: "s", MILLISECONDS: "ms", MINUTES: "min" } as const;

function field(values: string[], at: number | undefined): string {
  const text = at === undefined ? undefined : values[at];
  if (!text) return "";
  // Most fields have nothing to trim; trim() would still cost a call per field.
  return text.charCodeAt(0) > 32 && text.charCodeAt(text.length - 1) > 32 ? text : text.trim();
}

/** Whole billable seconds; a part-second rounds up, as every carrier contract reads it. Undefined unless a number. */
function parseDuration(text: string, unit: CdrLayout["durationUnit"]): number | undefined {
  let whole = 0;
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    whole = whole * 10 + c - 48;
  }
  if (i === 0) return undefined;
  if (i === text.length && unit === "SECONDS") return whole;
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const factor = unit === "MILLISECONDS" ? 0.001 : unit === "MINUTES" ? 60 : 1;
  return Math.ceil(Number(text) * factor - 1e-9);
}

/** The digits as a number (beyond 2^53 only roughly, which still compares beyond any limit); undefined unless digits. */
function wholeNumber(text: string): number | undefined {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    n = n * 10 + c - 48;
  }
  return n;
}

function utcMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** Files without a call id: the record's content identifies it, so loading it twice is still caught. */
function syntheticCallId(values: string[]): string {
  return "h:" + createHash("sha1").update(values.join("\u0001")).digest("hex").slice(0, 24);
}
