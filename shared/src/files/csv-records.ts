import type { Readable } from "node:stream";
import { CsvRecordFinder, MAX_RAW_CHARS } from "./csv-record-finder";
import { firstLineEnd, PhysicalLines } from "./physical-lines";

export { MAX_RAW_CHARS, MAX_RECORD_BYTES, MAX_RECORD_LINES } from "./csv-record-finder";

/** A record of a CSV file and the physical line it starts on (line 1 is the file's first; blank lines count). */
export interface CsvRecord {
  line: number;
  values: string[];
}

/** A record the reader cannot delimit: the number and text (clipped to MAX_RAW_CHARS) of its first line, and why. */
export interface UnreadableRecord {
  line: number;
  raw: string;
  reason: string;
}

export type CsvRead = CsvRecord | UnreadableRecord;

/** Where the records go: every record of the file reaches one of the two, none is dropped. */
export interface CsvRecordHandlers {
  onRecord(values: string[], line: number): void;
  onUnreadable(record: UnreadableRecord): void;
}

/**
 * The one way CSV text is read — deck uploads, CDR and content transaction files and their blocks, FX files: bytes (or text) fed in any
 * pieces come out as records numbered by physical line, delimited by CsvRecordFinder's rule. Records are decoded
 * from UTF-8 whole, so a character cut between two pieces is joined; invalid bytes become U+FFFD, as
 * Buffer#toString does. Lines without quotes (most CDR lines) are split directly.
 */
export class CsvRecordReader {
  private readonly lines: PhysicalLines;
  private readonly finder: CsvRecordFinder;

  /** `firstLine`: the number of the first line fed (a block's); line 1 may start with a byte order mark. */
  constructor(delimiter: string, handlers: CsvRecordHandlers, firstLine = 1) {
    this.finder = new CsvRecordFinder(delimiter, firstLine, {
      record: (bytes, start, end, fields, line) => handlers.onRecord(fields ? fieldValues(bytes, fields) : bytes.toString("utf8", start, end).split(delimiter), line),
      unreadable: (line, bytes, start, end, reason) => handlers.onUnreadable({ line, raw: rawText(bytes, start, end), reason }),
    });
    this.lines = new PhysicalLines(this.finder.line, firstLine === 1);
  }

  /** Feeds the next piece of the file; the records it completes go to the handlers. */
  push(piece: Buffer | string): void {
    this.lines.push(typeof piece === "string" ? Buffer.from(piece, "utf8") : piece);
  }

  /** The end of the file: its last line, even without a line break, and a record whose quote never closed. */
  end(): void {
    this.lines.end();
    this.finder.end();
  }
}

/** Every record of a whole text, or of a block of whole records starting at line `firstLine`. */
export function eachCsvRecord(content: Buffer | string, delimiter: string, handlers: CsvRecordHandlers, firstLine = 1): void {
  const reader = new CsvRecordReader(delimiter, handlers, firstLine);
  reader.push(content);
  reader.end();
}

/** The record on line 1 alone (a header), or undefined when line 1 is blank. */
export function firstCsvRecord(content: Buffer, delimiter: string): CsvRead | undefined {
  let first: CsvRead | undefined;
  eachCsvRecord(content.subarray(0, firstLineEnd(content)), delimiter, { onRecord: (values, line) => (first = { line, values }), onUnreadable: (record) => (first = record) });
  return first;
}

/** Records of a CSV stream, a batch per piece read (no promise per row for million-row files). */
export async function* csvRecordBatches(source: Readable, delimiter = ","): AsyncGenerator<CsvRead[]> {
  let batch: CsvRead[] = [];
  const reader = new CsvRecordReader(delimiter, { onRecord: (values, line) => batch.push({ line, values }), onUnreadable: (record) => batch.push(record) });
  for await (const piece of source) {
    reader.push(piece as Buffer | string);
    if (batch.length > 0) yield batch;
    batch = [];
  }
  reader.end();
  if (batch.length > 0) yield batch;
}

/** Records of a CSV stream, one at a time; an unreadable record comes in its place. */
export async function* csvRecords(source: Readable, delimiter = ","): AsyncGenerator<CsvRead> {
  for await (const batch of csvRecordBatches(source, delimiter)) yield* batch;
}

function fieldValues(bytes: Buffer, fields: number[]): string[] {
  const values = new Array<string>(fields.length / 3);
  for (let i = 0; i < fields.length; i += 3) {
    const text = bytes.toString("utf8", fields[i], fields[i + 1]);
    values[i / 3] = fields[i + 2] === 1 && text.includes('"') ? text.replace(/""/g, '"') : text;
  }
  return values;
}

function rawText(bytes: Buffer, start: number, end: number): string {
  // UTF-8 takes at most 4 bytes a character: decode no more than the kept characters need.
  const text = bytes.toString("utf8", start, Math.min(end, start + 4 * MAX_RAW_CHARS));
  if (text.length <= MAX_RAW_CHARS) return text;
  const kept = text.slice(0, MAX_RAW_CHARS);
  return /[\uD800-\uDBFF]$/.test(kept) ? kept.slice(0, -1) : kept;
}
