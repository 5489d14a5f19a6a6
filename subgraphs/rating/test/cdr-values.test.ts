import fc from "fast-check";
import { ASTERISK_LAYOUT, CdrFormat, FREESWITCH_LAYOUT, layoutFor, type CdrLayout, parseCdr, resolveCdrColumns, type CdrSourceRules, cdrLimits, CDR_FIELD_MAX_LENGTH, isStorableText, normalizeCallId } from "@intersettle/shared";

const limits = { maxDurationSeconds: 604_800, earliestMs: Date.UTC(2021, 0, 1), latestMs: Date.UTC(2029, 0, 1) };
const utc: CdrSourceRules = { timezone: "UTC", countryCode: "44", nationalPrefix: "0", limits };
const london: CdrSourceRules = { ...utc, timezone: "Europe/London" };

const NATIVE = layoutFor(CdrFormat.NATIVE);
const NATIVE_HEADER = ["call_id", "start", "duration", "a_number", "b_number", "ingress", "egress", "disposition", "service", "units"];
const nativeColumns = resolveCdrColumns(NATIVE, NATIVE_HEADER).columns;
type NativeRecord = Partial<Record<"call_id" | "start" | "duration" | "a_number" | "b_number" | "ingress" | "egress" | "disposition" | "service" | "units", string>>;
const GOOD: NativeRecord = { call_id: "c-1", start: "2026-11-20T10:00:00Z", duration: "60", a_number: "+442079460018", b_number: "+919876543210", ingress: "in", egress: "out", disposition: "ANSWERED", service: "", units: "" };
const native = (change: NativeRecord, layout: CdrLayout = NATIVE, rules = utc) => parseCdr(NATIVE_HEADER.map((h) => ({ ...GOOD, ...change })[h as keyof NativeRecord] ?? ""), nativeColumns, layout, rules);
const problemOf = (change: NativeRecord, layout?: CdrLayout, rules?: CdrSourceRules) => native(change, layout, rules).problem;

const asteriskColumns = resolveCdrColumns(ASTERISK_LAYOUT).columns;
const asterisk = (start: string, billsec = "60") =>
  parseCdr(["1001", "+442079460018", "00919876543210", "ctx", "", "SIP/a-01", "SIP/b-02", "Dial", "", start, start, start, billsec, billsec, "", "ANSWERED", "", "u-1"], asteriskColumns, ASTERISK_LAYOUT, london);

describe("values the rating or the storage cannot take are rejected, naming the field", () => {
  it("rejects a billable duration beyond the ceiling, after unit conversion", () => {
    expect(problemOf({ duration: "1000000000000" })).toEqual({ field: "duration", message: "duration 1000000000000 s is beyond the ceiling of 604800 s (7 days)" });
    expect(native({ duration: "604800" }).cdr?.durationSeconds).toBe(604_800);
    expect(problemOf({ duration: "604801" })?.field).toBe("duration");
    expect(problemOf({ duration: "604800001" }, { ...NATIVE, durationUnit: "MILLISECONDS" })).toEqual({ field: "duration", message: "duration 604800001 ms is beyond the ceiling of 604800 s (7 days)" });
    expect(native({ duration: "604800000" }, { ...NATIVE, durationUnit: "MILLISECONDS" }).cdr?.durationSeconds).toBe(604_800);
    expect(problemOf({ duration: "10081" }, { ...NATIVE, durationUnit: "MINUTES" })?.field).toBe("duration");
    expect(problemOf({ duration: "1".repeat(400) })?.field).toBe("duration");
    expect(problemOf({ duration: "99999999999999999999.5" }, { ...NATIVE, durationUnit: "MILLISECONDS" })?.field).toBe("duration");
  });

  it("names the unit when a duration is not a number", () => {
    expect(problemOf({ duration: "-4" })).toEqual({ field: "duration", message: "duration '-4' is not a whole or decimal number of seconds" });
    expect(problemOf({ duration: "1e5" }, { ...NATIVE, durationUnit: "MILLISECONDS" })).toEqual({ field: "duration", message: "duration '1e5' is not a whole or decimal number of milliseconds" });
    expect(problemOf({ duration: "" })).toEqual({ field: "duration", message: "duration is empty" });
  });

  it("rejects units past a 32-bit integer", () => {
    expect(problemOf({ service: "DATA", units: "3000000000" })).toEqual({ field: "units", message: "units 3000000000 is beyond 2147483647, the most a record holds" });
    expect(native({ service: "DATA", units: "2147483647" }).cdr?.units).toBe(2_147_483_647);
    expect(problemOf({ service: "SMS", units: "1.5" })).toEqual({ field: "units", message: "units '1.5' is not a whole number" });
  });

  it("rejects a NUL byte or invalid UTF-8 in any field it reads", () => {
    expect(problemOf({ a_number: "+44\u00002079" })).toEqual({ field: "a_number", message: "a NUL byte in a_number" });
    expect(problemOf({ call_id: "c\u00001" })).toEqual({ field: "call_id", message: "a NUL byte in call_id" });
    expect(problemOf({ disposition: "\u0000" })).toEqual({ field: "disposition", message: "a NUL byte in disposition" });
    expect(problemOf({ b_number: "+9198\uFFFD76" })).toEqual({ field: "b_number", message: "b_number is not valid UTF-8 (a byte sequence was replaced by U+FFFD)" });
    expect(problemOf({ ingress: "carrier\uFFFD" })?.field).toBe("ingress");
  });

  it("rejects oversized fields, by one table of maximum lengths", () => {
    expect(problemOf({ call_id: "x".repeat(3000) })).toEqual({ field: "call_id", message: "call_id is 3000 characters; at most 200" });
    expect(native({ call_id: "x".repeat(CDR_FIELD_MAX_LENGTH.callId) }).cdr?.callId).toHaveLength(200);
    expect(problemOf({ b_number: "1".repeat(65) })).toEqual({ field: "b_number", message: "b_number is 65 characters; at most 64" });
    expect(problemOf({ egress: "e".repeat(201) })?.field).toBe("egress");
    expect(problemOf({ start: "2026-11-20T10:00:00Z" + " ".repeat(100) })?.field).toBe("start");
  });

  it("never quotes a long value back", () => {
    const message = problemOf({ b_number: "x".repeat(60) })!.message;
    expect(message.length).toBeLessThan(100);
  });
});

describe("strict dates and times", () => {
  it("rejects impossible calendar dates instead of rolling them over", () => {
    expect(problemOf({ start: "2026-02-30T10:00:00Z" })).toEqual({ field: "start", message: "start 2026-02-30T10:00:00Z is not a date" });
    expect(problemOf({ start: "2026-04-31T10:00:00Z" })?.message).toBe("start 2026-04-31T10:00:00Z is not a date");
    expect(asterisk("2026-02-30 10:00:00").problem).toEqual({ field: "start", message: "start 2026-02-30 10:00:00 is not a date" });
    expect(problemOf({ start: "2026-13-01T10:00:00Z" })?.message).toBe("start 2026-13-01T10:00:00Z is not a date");
    expect(problemOf({ start: "2026-11-00T10:00:00Z" })?.message).toBe("start 2026-11-00T10:00:00Z is not a date");
  });

  it("knows leap years", () => {
    expect(native({ start: "2024-02-29T10:00:00Z" }).cdr?.start.toISOString()).toBe("2024-02-29T10:00:00.000Z");
    expect(problemOf({ start: "2025-02-29T10:00:00Z" })?.message).toBe("start 2025-02-29T10:00:00Z is not a date");
    expect(native({ start: "2028-02-29 23:59:59" }, { ...NATIVE }, utc).cdr?.start.toISOString()).toBe("2028-02-29T23:59:59.000Z");
  });

  it("rejects times of day that would roll over, and leap seconds", () => {
    expect(asterisk("2026-11-20 10:61:00").problem).toEqual({ field: "start", message: "start 2026-11-20 10:61:00 is not a time of day" });
    expect(problemOf({ start: "2026-11-20T24:00:00Z" })?.message).toBe("start 2026-11-20T24:00:00Z is not a time of day");
    expect(problemOf({ start: "2026-12-31T23:59:60Z" })?.message).toBe("start 2026-12-31T23:59:60Z is not a time of day");
    expect(problemOf({ start: "2026-11-20T10:00:00+25:00" })?.message).toBe("start 2026-11-20T10:00:00+25:00 has an impossible UTC offset");
  });

  it("reads only the layout's declared format, guessing nothing", () => {
    const builtIn = "the format YYYY-MM-DD HH:MM:SS, optionally with a fraction and Z or ±HH:MM (ISO 8601)";
    expect(asterisk("26-11-20 10:00:00").problem).toEqual({ field: "start", message: `start '26-11-20 10:00:00' is not in ${builtIn}` });
    for (const text of ["20261120T100000Z", "2026-11-20", "2026-11-20T10:00Z", "1763633700", "2026-W47-5T10:00:00Z", "2026-11-20 10:00:00 Z", "+002026-11-20T10:00:00Z"]) {
      expect(problemOf({ start: text })).toEqual({ field: "start", message: `start '${text}' is not in ${builtIn}` });
    }
    const dotted: CdrLayout = { ...NATIVE, dateFormat: "dd.MM.yyyy HH:mm:ss" };
    expect(native({ start: "20.11.2026 10:00:00" }, dotted).cdr?.start.toISOString()).toBe("2026-11-20T10:00:00.000Z");
    expect(problemOf({ start: "2026-11-20T10:00:00Z" }, dotted)).toEqual({ field: "start", message: "start '2026-11-20T10:00:00Z' is not in the layout's format dd.MM.yyyy HH:mm:ss" });
    expect(problemOf({ start: "30.02.2026 10:00:00" }, dotted)).toEqual({ field: "start", message: "start 30.02.2026 10:00:00 is not a date" });
    expect(problemOf({ start: "20.11.2026 10:61:00" }, dotted)?.field).toBe("start");
    expect(native({ start: "1795165200" }, { ...NATIVE, dateFormat: "X" }).cdr?.start.toISOString()).toBe("2026-11-20T09:00:00.000Z");
  });

  it("accepts a zero or two-digit year only as what it says, and then the date window rejects it", () => {
    expect(problemOf({ start: "0026-11-20T10:00:00Z" })).toEqual({ field: "start", message: "start 0026-11-20T10:00:00Z is before 2021-01-01 00:00 UTC, the earliest start accepted" });
    expect(problemOf({ start: "0001-01-01T00:00:00Z" })?.message).toBe("start 0001-01-01T00:00:00Z is before 2021-01-01 00:00 UTC, the earliest start accepted");
    expect(asterisk("0000-01-01 00:00:00").problem?.message).toMatch(/^start 0000-01-01 00:00:00 is (not a date|before 2021-01-01 00:00 UTC, the earliest start accepted)$/);
    expect(problemOf({ start: "2031-01-01T00:00:00Z" })).toEqual({ field: "start", message: "start 2031-01-01T00:00:00Z is after 2029-01-01 00:00 UTC, the latest start accepted" });
  });

  it("reads offsets and fractions of the built-in format exactly", () => {
    expect(native({ start: "2026-11-20T10:00:00.250+01:00" }).cdr?.start.toISOString()).toBe("2026-11-20T09:00:00.250Z");
    expect(native({ start: "2026-11-20 10:00:00-0530" }).cdr?.start.toISOString()).toBe("2026-11-20T15:30:00.000Z");
    expect(native({ start: "2026-07-20 10:00:00" }, NATIVE, london).cdr?.start.toISOString()).toBe("2026-07-20T09:00:00.000Z");
  });

  it("round-trips every calendar date and time it accepts, and accepts exactly the real ones", () => {
    const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const daysIn = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
    const two = (n: number) => String(n).padStart(2, "0");
    fc.assert(
      fc.property(
        fc.integer({ min: 2021, max: 2028 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.boolean(),
        (y, mo, d, h, mi, s, withZ) => {
          const text = `${y}-${two(mo)}-${two(d)}${withZ ? "T" : " "}${two(h)}:${two(mi)}:${two(s)}${withZ ? "Z" : ""}`;
          const parsed = native({ start: text });
          const real = d <= daysIn(y, mo) && h < 24 && mi < 60 && s < 60;
          if (!real) return parsed.problem?.field === "start" && parsed.cdr === undefined;
          const at = parsed.cdr!.start;
          return [at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds()].join() === [y, mo, d, h, mi, s].join();
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("call ids", () => {
  it("normalizes a padded call id so it keys like the unpadded one", () => {
    expect(native({ call_id: "\u00A0c-1\u00A0" }).cdr?.callId).toBe("c-1");
    expect(native({ call_id: "\uFEFF\u2003c-1\u200B\u3000\t" }).cdr?.callId).toBe("c-1");
    expect(native({ call_id: "c 1" }).cdr?.callId).toBe("c 1");
  });

  it("rejects a call id that is only whitespace", () => {
    expect(problemOf({ call_id: "\u00A0\u3000 " })).toEqual({ field: "call_id", message: "call_id is only whitespace" });
  });

  it("gives a record without a call id column an id from its content", () => {
    const noIds = resolveCdrColumns(NATIVE, NATIVE_HEADER.slice(1)).columns;
    const values = NATIVE_HEADER.slice(1).map((h) => GOOD[h as keyof NativeRecord] ?? "");
    expect(parseCdr(values, noIds, NATIVE, utc).cdr?.callId).toMatch(/^h:[0-9a-f]{24}$/);
  });

  const whitespace = fc.constantFrom(" ", "\t", "\n", "\r", "\v", "\f", "\u0085", "\u00A0", "\u1680", "\u180E", "\u2000", "\u2005", "\u200A", "\u200B", "\u200C", "\u200D", "\u2028", "\u2029", "\u202F", "\u205F", "\u2060", "\u3000", "\uFEFF");
  const padding = fc.array(whitespace, { maxLength: 4 }).map((a) => a.join(""));

  it("is idempotent and leaves no whitespace at either end", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 30 }), padding, padding, (id, before, after) => {
        const once = normalizeCallId(before + id + after);
        return normalizeCallId(once) === once && once === normalizeCallId(id) && !/^[\s\u0085\u180E\u200B-\u200D\u2060]|[\s\u0085\u180E\u200B-\u200D\u2060]$/.test(once);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("text checked once per block", () => {
  it("passes only UTF-8 without NUL or U+FFFD", () => {
    expect(isStorableText(Buffer.from("c-1,2026-11-20T10:00:00Z,60,+44,+91,é,ü,ANSWERED\n"))).toBe(true);
    expect(isStorableText(Buffer.from("c-1,\u0000"))).toBe(false);
    expect(isStorableText(Buffer.from("c-1,\uFFFD"))).toBe(false);
    expect(isStorableText(Buffer.from([0x63, 0x2c, 0xff, 0x0a]))).toBe(false);
    expect(isStorableText(Buffer.from([0x63, 0xc3]))).toBe(false); // a character cut short
  });

  it("never passes bytes whose text a field could not store", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = new TextDecoder().decode(bytes);
        return !isStorableText(Buffer.from(bytes)) || (!text.includes("\u0000") && !text.includes("\uFFFD"));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("any value in any field", () => {
  const fieldText = fc.oneof(
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.string({ unit: fc.constantFrom("0", "9", "-", ":", " ", "T", "Z", "+", ".", "\u0000", "\uFFFD", "\u00A0"), maxLength: 30 }),
    fc.constantFrom("", "2026-11-20 10:00:00", "2026-02-30 10:00:00", "9".repeat(400), "1e308", "NaN", "Infinity", "-0", "0x10", "x".repeat(5000)),
  );
  const layouts: Array<[CdrLayout, number[]]> = [
    [ASTERISK_LAYOUT, Array.from({ length: 18 }, (_, i) => i)],
    [FREESWITCH_LAYOUT, Array.from({ length: 15 }, (_, i) => i)],
    [{ ...NATIVE, durationUnit: "MILLISECONDS" }, Array.from({ length: 10 }, (_, i) => i)],
    [{ ...NATIVE, dateFormat: "dd/MM/yy HH:mm", durationUnit: "MINUTES" }, Array.from({ length: 10 }, (_, i) => i)],
  ];

  it("never makes parseCdr throw: it returns a call within the limits, or a problem", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: layouts.length - 1 }), fc.array(fieldText, { minLength: 0, maxLength: 20 }), fc.constantFrom(utc, london), (which, values, rules) => {
        const [layout] = layouts[which];
        const columns = layout.header ? nativeColumns : resolveCdrColumns(layout).columns;
        const { cdr, problem } = parseCdr(values, columns, layout, rules);
        if (problem) return cdr === undefined && typeof problem.field === "string" && !problem.message.includes("\u0000") && problem.message.length < 200;
        const t = cdr!.start.getTime();
        return cdr!.durationSeconds >= 0 && cdr!.durationSeconds <= limits.maxDurationSeconds && cdr!.units >= 0 && cdr!.units <= 2_147_483_647 && t >= limits.earliestMs && t <= limits.latestMs && cdr!.callId.length > 0;
      }),
      { numRuns: 3000 },
    );
  });
});

describe("the date window and ceiling settings", () => {
  it("turns years back and days ahead into absolute bounds at a given moment", () => {
    const now = new Date("2026-12-02T05:00:00Z");
    expect(cdrLimits({ maxDurationSeconds: 604_800, pastYears: 5, futureDays: 1 }, now)).toEqual({ maxDurationSeconds: 604_800, earliestMs: Date.parse("2021-12-02T05:00:00Z"), latestMs: Date.parse("2026-12-03T05:00:00Z") });
  });
});
