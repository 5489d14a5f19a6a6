import { DateTime } from "luxon";
import { createHash } from "node:crypto";
import { RatedService } from "../rate-plan";
import { normalizeDisposition, type CdrField, type CdrLayout } from "./cdr-format";
import { toE164, type NumberPlan } from "./number-normalization";
import { trunkOfChannel } from "./call-legs";
import { ZoneClock } from "../time-band";

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
}

export type ColumnIndex = Partial<Record<CdrField, number>>;

/** Column positions of each field, from the layout and (for files with a header) the header row. */
export function resolveCdrColumns(layout: CdrLayout, header?: string[]): { columns: ColumnIndex; missing: CdrField[] } {
  const positions = new Map((header ?? []).map((h, i) => [h.trim().toLowerCase(), i]));
  const columns: ColumnIndex = {};
  for (const [field, column] of Object.entries(layout.columns) as Array<[CdrField, number | string]>) {
    const at = typeof column === "number" ? column : positions.get(column.toLowerCase());
    if (at !== undefined) columns[field] = at;
  }
  const required: CdrField[] = ["start", "duration", "bNumber"];
  return { columns, missing: required.filter((f) => columns[f] === undefined) };
}

/** Parses one CDR row; a problem names the field that made it unusable. */
export function parseCdr(values: string[], columns: ColumnIndex, layout: CdrLayout, rules: CdrSourceRules): { cdr?: NormalizedCdr; problem?: CdrProblem } {
  const startText = field(values, columns.start);
  const start = parseCdrTime(startText, rules.timezone, layout.dateFormat);
  if (!start) return { problem: { field: "start", message: startText ? `'${startText}' is not a time` : "is empty" } };
  const durationText = field(values, columns.duration);
  const durationSeconds = parseDuration(durationText, layout.durationUnit);
  if (durationSeconds === undefined) return { problem: { field: "duration", message: `'${durationText}' is not a duration` } };
  const bRaw = field(values, columns.bNumber);
  const bNumber = toE164(bRaw, rules);
  if (!bNumber) return { problem: { field: "b_number", message: bRaw ? `'${bRaw}' has no digits to route on` : "is empty" } };
  const serviceText = field(values, columns.service).toUpperCase();
  const service = serviceText ? (RatedService as Record<string, RatedService>)[serviceText] : RatedService.VOICE;
  if (!service) return { problem: { field: "service", message: `'${serviceText}' must be VOICE, SMS, MMS or DATA` } };
  const unitsText = field(values, columns.units);
  if (unitsText && !/^\d+$/.test(unitsText)) return { problem: { field: "units", message: `'${unitsText}' must be a whole number` } };
  const units = service === RatedService.VOICE ? durationSeconds : unitsText ? Number(unitsText) : 1;
  const ingress = field(values, columns.ingress);
  const egress = field(values, columns.egress);
  const aNumber = toE164(field(values, columns.aNumber), rules) ?? "";
  const callId = field(values, columns.callId) || syntheticCallId(values);
  return {
    cdr: {
      callId, start, durationSeconds, aNumber, bNumber,
      ingress: layout.trunkFromChannel ? trunkOfChannel(ingress) : ingress,
      egress: layout.trunkFromChannel ? trunkOfChannel(egress) : egress,
      account: field(values, columns.account),
      disposition: normalizeDisposition(field(values, columns.disposition)),
      service, units,
    },
  };
}

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

const parsedTimes = new Map<string, number | null>();
/** The last time with an offset that parsed (whatever the zone: an offset makes it absolute). */
const lastOffsetTime = { text: "", ms: 0 };
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:?\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})$/;

/**
 * A CDR time as an instant. Times with an offset parse directly; local times (most switches) use the source
 * zone's cached offsets; other formats go through luxon, each distinct text once.
 */
export function parseCdrTime(text: string, zone: string, format?: string): Date | undefined {
  if (!text) return undefined;
  if (!format) {
    // Calls in a file come in time order, many to a second: the last time read is often the next one.
    if (text === lastOffsetTime.text) return new Date(lastOffsetTime.ms);
    if (WITH_OFFSET.test(text)) {
      const ms = Date.parse(text.replace(" ", "T"));
      if (Number.isNaN(ms)) return undefined;
      lastOffsetTime.text = text;
      lastOffsetTime.ms = ms;
      return new Date(ms);
    }
    const local = LOCAL.exec(text);
    if (local) {
      const [, y, mo, d, h, mi, sec] = local.map(Number);
      const wall = Date.UTC(y, mo - 1, d, h, mi, sec);
      const back = new Date(wall);
      if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23) return undefined;
      const clock = ZoneClock.of(zone);
      return new Date(clock.utcOf(wall, clock.offsetMs(wall)));
    }
  }
  const key = `${zone}|${format ?? ""}|${text}`;
  let ms = parsedTimes.get(key);
  if (ms === undefined) {
    const dt = format ? DateTime.fromFormat(text, format, { zone, setZone: true }) : DateTime.fromISO(text, { zone, setZone: true });
    ms = dt.isValid ? dt.toMillis() : null;
    if (parsedTimes.size > 100_000) parsedTimes.clear();
    parsedTimes.set(key, ms);
  }
  return ms === null ? undefined : new Date(ms);
}

/** Files without a call id: the record's content identifies it, so loading it twice is still caught. */
function syntheticCallId(values: string[]): string {
  return "h:" + createHash("sha1").update(values.join("\u0001")).digest("hex").slice(0, 24);
}
