import { StringDecoder } from "node:string_decoder";
import type { Readable } from "node:stream";
import Papa from "papaparse";

type OnRecord = (values: string[], line: number) => void;

/**
 * The one way CSV text is read — deck uploads, CDR files and their blocks, FX files: bytes (or text) fed in any
 * pieces come out as records numbered by physical line. UTF-8 is decoded as a stream, so a character cut between
 * two pieces is joined, not replaced by U+FFFD; invalid bytes still become U+FFFD, as Buffer#toString does.
 */
export class CsvRecordReader {
  private readonly decoder = new StringDecoder("utf8");
  private readonly splitter: CsvRecordSplitter;
  private carry = "";

  constructor(delimiter: string, private line = 1) {
    this.splitter = new CsvRecordSplitter(delimiter);
  }

  /** Feeds the next piece of the file; the records it completes go to `onRecord`. */
  push(piece: Buffer | string, onRecord: OnRecord): void {
    const text = this.carry + (typeof piece === "string" ? this.decoder.end() + piece : this.decoder.write(piece));
    const end = text.lastIndexOf("\n") + 1;
    this.carry = text.slice(end);
    this.line = this.splitter.feed(text.slice(0, end), this.line, onRecord);
  }

  /** The end of the file: its last line, even without a newline, and a record whose quote never closed. */
  end(onRecord: OnRecord): void {
    const rest = this.carry + this.decoder.end();
    this.carry = "";
    this.line = this.splitter.feed(rest, this.line, onRecord);
    this.splitter.finish(onRecord);
  }
}

/** Every record of a whole text, or of a block of whole lines starting at line `firstLine`. */
export function eachCsvRecord(content: Buffer | string, delimiter: string, onRecord: OnRecord, firstLine = 1): void {
  const reader = new CsvRecordReader(delimiter, firstLine);
  reader.push(content, onRecord);
  reader.end(onRecord);
}

/** Records of a CSV stream, a batch per piece read (no promise per row for million-row files). */
export async function* csvRecordBatches(source: Readable, delimiter = ","): AsyncGenerator<string[][]> {
  const reader = new CsvRecordReader(delimiter);
  let batch: string[][] = [];
  const add = (values: string[]) => batch.push(values);
  for await (const piece of source) {
    reader.push(piece as Buffer | string, add);
    if (batch.length > 0) yield batch;
    batch = [];
  }
  reader.end(add);
  if (batch.length > 0) yield batch;
}

/** Records of a CSV stream, one at a time. */
export async function* csvRecords(source: Readable, delimiter = ","): AsyncGenerator<string[]> {
  for await (const batch of csvRecordBatches(source, delimiter)) yield* batch;
}

/**
 * Splits CSV text, fed as whole lines, into records numbered by the physical line each starts on (blank lines
 * and line breaks inside quotes count, so a number points at the line in an editor). Lines without quotes
 * (most CDR lines) are split directly; a line with quotes goes through papaparse, joined with the next lines
 * while a quoted field spans a line break. Papaparse's own stream mode cost ~7 µs a row, more than rating the call.
 */
class CsvRecordSplitter {
  private pending = "";
  private pendingLine = 0;

  constructor(private readonly delimiter: string) {}

  /**
   * Feeds `text`, whole lines the first of which is line `firstLine` (a final line may lack its newline); each
   * record completed goes to `onRecord`. Returns the number of the line after the text.
   */
  feed(text: string, firstLine: number, onRecord: OnRecord): number {
    let line = firstLine;
    let from = 0;
    while (from < text.length) {
      let end = text.indexOf("\n", from);
      if (end === -1) end = text.length;
      let raw = text.slice(from, end > from && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
      if (line === 1 && raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
      this.next(raw, line, onRecord);
      from = end + 1;
      line++;
    }
    return line;
  }

  /** A record whose quote never closed is parsed as it stands, at the end of the text. */
  finish(onRecord: OnRecord): void {
    if (!this.pending) return;
    const pending = this.pending;
    this.pending = "";
    onRecord(parseQuoted(pending, this.delimiter), this.pendingLine);
  }

  private next(raw: string, line: number, onRecord: OnRecord): void {
    if (this.pending) {
      this.pending += "\n" + raw;
      if (!balanced(this.pending)) return;
      const joined = this.pending;
      this.pending = "";
      onRecord(parseQuoted(joined, this.delimiter), this.pendingLine);
      return;
    }
    if (raw === "") return;
    if (!raw.includes('"')) return onRecord(raw.split(this.delimiter), line);
    if (!balanced(raw)) {
      this.pending = raw;
      this.pendingLine = line;
      return;
    }
    onRecord(parseQuoted(raw, this.delimiter), line);
  }
}

function balanced(text: string): boolean {
  let quotes = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) quotes++;
  return quotes % 2 === 0;
}

function parseQuoted(text: string, delimiter: string): string[] {
  return Papa.parse<string[]>(text, { delimiter }).data[0] ?? [];
}
