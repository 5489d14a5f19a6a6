/** Where a CDR file comes from and how it is written. */
export enum CdrFormat {
  /** Asterisk cdr_csv Master.csv: no header, fixed columns, local time. */
  ASTERISK = "ASTERISK",
  /** FreeSWITCH mod_cdr_csv with its default template. */
  FREESWITCH = "FREESWITCH",
  /** Our CSV: header call_id,start,duration,a_number,b_number,ingress,egress,disposition[,service,units]. */
  NATIVE = "NATIVE",
  /** A source-defined layout. */
  CUSTOM = "CUSTOM",
}

/** `amount`: what the file charges for the call; only a partner's CDR file (a claim) carries it, rating ignores it. */
export type CdrField = "callId" | "start" | "answer" | "duration" | "aNumber" | "bNumber" | "ingress" | "egress" | "disposition" | "service" | "units" | "account" | "amount";

/** How to read a CSV CDR file: delimiter, header, which column holds each field, date format and duration unit. */
export interface CdrLayout {
  delimiter: string;
  header: boolean;
  /** Field → column (0-based index, or header name when the file has a header). */
  columns: Partial<Record<CdrField, number | string>>;
  /**
   * The one format the start is written in: a luxon format ("dd.MM.yyyy HH:mm:ss"), "X" for whole seconds since
   * 1970 (FreeSWITCH's start_epoch) or "x" for milliseconds. Unset: YYYY-MM-DD HH:MM:SS (or with a "T"), with an
   * optional fraction and offset (Z, ±HH:MM); without an offset, the source's local time.
   */
  dateFormat?: string;
  durationUnit: "SECONDS" | "MILLISECONDS" | "MINUTES";
  /** Channel names such as SIP/carrier-0000001a carry the trunk between "/" and "-". */
  trunkFromChannel?: boolean;
}

/** Asterisk cdr_csv: accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata, start, answer, end, duration, billsec, amaflags, disposition, userfield[, uniqueid, linkedid…]. */
export const ASTERISK_LAYOUT: CdrLayout = {
  delimiter: ",",
  header: false,
  columns: { account: 0, aNumber: 1, bNumber: 2, ingress: 5, egress: 6, start: 9, answer: 10, duration: 13, disposition: 15, callId: 17 },
  durationUnit: "SECONDS",
  trunkFromChannel: true,
};

/** mod_cdr_csv default template: caller_id_name, caller_id_number, destination_number, context, start_stamp, answer_stamp, end_stamp, duration, billsec, hangup_cause, uuid, bleg_uuid, accountcode, read_codec, write_codec. */
export const FREESWITCH_LAYOUT: CdrLayout = {
  delimiter: ",",
  header: false,
  columns: { aNumber: 1, bNumber: 2, ingress: 3, start: 4, answer: 5, duration: 8, disposition: 9, callId: 10, account: 12 },
  durationUnit: "SECONDS",
};

export const NATIVE_LAYOUT: CdrLayout = {
  delimiter: ",",
  header: true,
  columns: { callId: "call_id", start: "start", duration: "duration", aNumber: "a_number", bNumber: "b_number", ingress: "ingress", egress: "egress", disposition: "disposition", service: "service", units: "units" },
  durationUnit: "SECONDS",
};

export function layoutFor(format: CdrFormat, custom?: CdrLayout): CdrLayout {
  switch (format) {
    case CdrFormat.ASTERISK:
      return ASTERISK_LAYOUT;
    case CdrFormat.FREESWITCH:
      return FREESWITCH_LAYOUT;
    case CdrFormat.NATIVE:
      return NATIVE_LAYOUT;
    case CdrFormat.CUSTOM:
      if (!custom) throw new Error("a CUSTOM source needs a layout");
      return custom;
  }
}

/** Dispositions, as each switch writes them, mapped to one vocabulary. A switch writes a handful: each is worked out once. */
export function normalizeDisposition(raw: string): string {
  let normalized = knownDispositions.get(raw);
  if (normalized === undefined) {
    normalized = dispositionOf(raw);
    if (knownDispositions.size < 1000) knownDispositions.set(raw, normalized);
  }
  return normalized;
}

const knownDispositions = new Map<string, string>();

function dispositionOf(raw: string): string {
  const text = raw.trim().toUpperCase().replace(/\s+/g, "_");
  switch (text) {
    case "ANSWERED":
    case "ANSWER":
    case "NORMAL_CLEARING":
    case "16":
      return "ANSWERED";
    case "NO_ANSWER":
    case "NOANSWER":
    case "NO_USER_RESPONSE":
    case "ORIGINATOR_CANCEL":
      return "NO_ANSWER";
    case "BUSY":
    case "USER_BUSY":
    case "17":
      return "BUSY";
    case "":
      return "UNKNOWN";
    default:
      return text === "FAILED" || text.includes("FAIL") || text.includes("CONGESTION") ? "FAILED" : text;
  }
}
