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
  const get = (field: CdrField) => {
    const at = columns[field];
    return at === undefined ? "" : (values[at] ?? "").trim();
  };
  const startText = get("start");
  const start = parseCdrTime(startText, rules.timezone, layout.dateFormat);
  if (!start) return { problem: { field: "start", message: startText ? `'${startText}' is not a time` : "is empty" } };
  const durationText = get("duration");
  if (!/^\d+(\.\d+)?$/.test(durationText)) return { problem: { field: "duration", message: `'${durationText}' is not a duration` } };
  const factor = layout.durationUnit === "MILLISECONDS" ? 0.001 : layout.durationUnit === "MINUTES" ? 60 : 1;
  // Switches bill whole seconds; a part-second rounds up, as every carrier contract reads it.
  const durationSeconds = Math.ceil(Number(durationText) * factor - 1e-9);
  const bRaw = get("bNumber");
  const bNumber = toE164(bRaw, rules);
  if (!bNumber) return { problem: { field: "b_number", message: bRaw ? `'${bRaw}' has no digits to route on` : "is empty" } };
  const serviceText = get("service").toUpperCase();
  const service = serviceText ? (RatedService as Record<string, RatedService>)[serviceText] : RatedService.VOICE;
  if (!service) return { problem: { field: "service", message: `'${serviceText}' must be VOICE, SMS, MMS or DATA` } };
  const unitsText = get("units");
  if (unitsText && !/^\d+$/.test(unitsText)) return { problem: { field: "units", message: `'${unitsText}' must be a whole number` } };
  const units = service === RatedService.VOICE ? durationSeconds : unitsText ? Number(unitsText) : 1;
  const channel = (field: CdrField) => (layout.trunkFromChannel ? trunkOfChannel(get(field)) : get(field));
  const aNumber = toE164(get("aNumber"), rules) ?? "";
  const callId = get("callId") || syntheticCallId(values);
  return {
    cdr: { callId, start, durationSeconds, aNumber, bNumber, ingress: channel("ingress"), egress: channel("egress"), account: get("account"), disposition: normalizeDisposition(get("disposition")), service, units },
  };
}

const parsedTimes = new Map<string, number | null>();
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:?\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})$/;

/**
 * A CDR time as an instant. Times with an offset parse directly; local times (most switches) use the source
 * zone's cached offsets; other formats go through luxon, each distinct text once.
 */
export function parseCdrTime(text: string, zone: string, format?: string): Date | undefined {
  if (!text) return undefined;
  if (!format) {
    if (WITH_OFFSET.test(text)) {
      const ms = Date.parse(text.replace(" ", "T"));
      return Number.isNaN(ms) ? undefined : new Date(ms);
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
