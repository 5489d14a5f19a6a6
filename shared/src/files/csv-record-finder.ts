/**
 * How far a record may run over line breaks inside a quoted field. A quote that never closes then costs a bounded
 * amount of re-reading, so reading stays linear in the file's size whatever the quoting.
 */
export const MAX_RECORD_LINES = 20;
export const MAX_RECORD_BYTES = 64 * 1024;
/** How much of an unreadable record's first line is kept as its raw text. */
export const MAX_RAW_CHARS = 2000;

/** What the finder reports; `bytes` and `fields` are only valid during the call. */
export interface FoundRecords {
  /** A record: `fields` holds a [start, end, quoted (1 or 0)] triple per value, or is null when bytes[start, end) is one line without quotes. */
  record(bytes: Buffer, start: number, end: number, fields: number[] | null, line: number): void;
  /** A record that cannot be delimited: its first line is bytes[start, end). */
  unreadable(line: number, bytes: Buffer, start: number, end: number, reason: string): void;
}

interface Line {
  /** The line with its line break. */
  bytes: Buffer;
  /** The length of its text, without the line break. */
  length: number;
  number: number;
}

interface OpenRecord {
  lines: Line[];
  bytes: number;
  /** The column (from 1) of the quoted field still open. */
  column: number;
}

/**
 * The one rule for where CSV records start and end, shared by the block cutter (csvBlocks) and every reader so that they
 * agree (RFC 4180, tolerant where a switch file can be read without guessing): a record ends at a line break
 * outside quotes; a quote opens a quoted field only at the start of a field, elsewhere it is a literal character;
 * inside a quoted field `""` is a quote and line breaks are text, and the closing quote must be followed by the
 * delimiter or the end of the line. A record that cannot be delimited — its quote never closes within
 * MAX_RECORD_LINES lines or MAX_RECORD_BYTES, or before the file ends, or its closing quote is followed by
 * anything else — is reported unreadable at its first line, and reading resumes at the line after that one
 * (its other lines are read again as records of their own). Fed physical lines in order, numbered from `firstLine`.
 */
export class CsvRecordFinder {
  private readonly delimiter: Buffer;
  private nextLine: number;
  private open: OpenRecord | undefined;
  private readonly fields: number[] = [];

  constructor(delimiter: string, firstLine: number, private readonly found?: FoundRecords) {
    this.delimiter = Buffer.from(delimiter);
    if (delimiter.length !== 1 || /["\r\n]/.test(delimiter)) throw new Error(`the CSV delimiter must be one character other than a quote or a line break, not '${delimiter}'`);
    this.nextLine = firstLine;
  }

  /** True while a quoted field runs on past the lines fed so far: no record starts at the next line. */
  get inRecord(): boolean {
    return this.open !== undefined;
  }

  /** The next physical line (see PhysicalLines). */
  readonly line = (bytes: Buffer, start: number, end: number, next: number, quoted: boolean): void => {
    const number = this.nextLine++;
    if (!this.open && !quoted) {
      if (end > start) this.found?.record(bytes, start, end, null, number);
      return;
    }
    this.read([{ bytes: bytes.subarray(start, next), length: end - start, number }]);
  };

  /** The end of the file: a quoted field still open makes its record unreadable. */
  end(): void {
    while (this.open) this.read(this.fail(`a quoted field opened in column ${this.open.column} never closes before the end of the file`));
  }

  private read(lines: Line[]): void {
    for (let i = 0; i < lines.length; i++) {
      const again = this.take(lines[i]);
      if (again.length > 0) lines.splice(i + 1, 0, ...again);
    }
  }

  /** Reads one line; returns the lines to read again when it shows the open record unreadable. */
  private take(line: Line): Line[] {
    const open = this.open;
    if (!open) {
      if (line.length === 0) return NONE;
      const fields = this.found ? this.fields : null;
      if (fields) fields.length = 0;
      const scan = scanFields(line.bytes, line.length, false, 1, this.delimiter, fields);
      if (scan.state === "complete") this.found?.record(line.bytes, 0, line.length, fields, line.number);
      else if (scan.state === "broken") this.found?.unreadable(line.number, line.bytes, 0, line.length, brokenQuote(scan.column, line.bytes, scan.at, null));
      else {
        this.open = { lines: [], bytes: 0, column: scan.column };
        return this.extend(line);
      }
      return NONE;
    }
    const scan = scanFields(line.bytes, line.length, true, open.column, this.delimiter, null);
    if (scan.state === "broken") {
      open.lines.push(line);
      return this.fail(brokenQuote(open.column, line.bytes, scan.at, line.number));
    }
    if (scan.state === "open") {
      open.column = scan.column;
      return this.extend(line);
    }
    this.open = undefined;
    if (!this.found) return NONE;
    const first = open.lines[0].number;
    open.lines.push({ ...line, bytes: line.bytes.subarray(0, line.length) });
    const record = Buffer.concat(open.lines.map((l) => l.bytes));
    this.fields.length = 0;
    scanFields(record, record.length, false, 1, this.delimiter, this.fields);
    this.found.record(record, 0, record.length, this.fields, first);
    return NONE;
  }

  /** Adds a line to the open record, which stays open after it; a record past the bounds is unreadable. */
  private extend(line: Line): Line[] {
    const open = this.open!;
    open.lines.push(line);
    open.bytes += line.bytes.length;
    if (open.lines.length >= MAX_RECORD_LINES) return this.fail(`a quoted field opened in column ${open.column} never closes within ${MAX_RECORD_LINES} lines`);
    if (open.bytes >= MAX_RECORD_BYTES) return this.fail(`a quoted field opened in column ${open.column} never closes within ${MAX_RECORD_BYTES / 1024} KB`);
    return NONE;
  }

  /** Reports the open record unreadable at its first line; the lines after that one are read again. */
  private fail(reason: string): Line[] {
    const [first, ...rest] = this.open!.lines;
    this.open = undefined;
    this.found?.unreadable(first.number, first.bytes, 0, first.length, reason);
    return rest;
  }
}

const NONE: Line[] = [];

type FieldScan = { state: "complete" | "open"; column: number } | { state: "broken"; column: number; at: number };

/**
 * Scans one line's text bytes[0, length) from the start of a field, or from inside a quoted field (`inQuotes`)
 * when a quoted field runs on from the line before. Pushes a [start, end, quoted] triple per value when asked.
 */
function scanFields(bytes: Buffer, length: number, inQuotes: boolean, column: number, delimiter: Buffer, fields: number[] | null): FieldScan {
  let at = 0;
  let valueStart = 0;
  for (;;) {
    if (inQuotes) {
      let quote = at;
      while (quote < length && bytes[quote] !== QUOTE) quote++;
      if (quote === length) return { state: "open", column };
      if (bytes[quote + 1] === QUOTE && quote + 1 < length) {
        at = quote + 2;
        continue;
      }
      fields?.push(valueStart, quote, 1);
      if (quote + 1 === length) return { state: "complete", column };
      if (!delimiterAt(bytes, quote + 1, length, delimiter)) return { state: "broken", column, at: quote + 1 };
      at = quote + 1 + delimiter.length;
      inQuotes = false;
      column++;
      continue;
    }
    if (at < length && bytes[at] === QUOTE) {
      inQuotes = true;
      valueStart = ++at;
      continue;
    }
    let end = at;
    while (end < length && !delimiterAt(bytes, end, length, delimiter)) end++;
    fields?.push(at, end, 0);
    if (end === length) return { state: "complete", column };
    at = end + delimiter.length;
    column++;
  }
}

function delimiterAt(bytes: Buffer, at: number, length: number, delimiter: Buffer): boolean {
  if (bytes[at] !== delimiter[0]) return false;
  for (let i = 1; i < delimiter.length; i++) if (at + i >= length || bytes[at + i] !== delimiter[i]) return false;
  return true;
}

function brokenQuote(column: number, bytes: Buffer, at: number, onLine: number | null): string {
  const after = `followed by ${shown(bytes, at)} instead of a delimiter or the end of the line`;
  if (onLine === null) return `the quoted field in column ${column} ends with a quote ${after}`;
  return `a quoted field opened in column ${column} never closes: the quote on line ${onLine} that would close it is ${after}`;
}

function shown(bytes: Buffer, at: number): string {
  const byte = bytes[at];
  const hex = `0x${byte.toString(16).padStart(2, "0")}`;
  if (byte >= 0x20 && byte < 0x7f) return `'${String.fromCharCode(byte)}'`;
  if (byte < 0x80) return `the control character ${hex}`;
  const character = String.fromCodePoint(bytes.toString("utf8", at, at + 4).codePointAt(0)!);
  return character === "\uFFFD" ? `the invalid byte ${hex}` : `'${character}'`;
}

const QUOTE = 0x22;
