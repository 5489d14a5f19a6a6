import Papa from "papaparse";

/**
 * Splits CSV text, fed as whole lines, into records numbered by the physical line each starts on (blank lines
 * and line breaks inside quotes count, so a number points at the line in an editor). Lines without quotes
 * (most CDR lines) are split directly; a line with quotes goes through papaparse, joined with the next lines
 * while a quoted field spans a line break. Papaparse's own stream mode cost ~7 µs a row, more than rating the call.
 */
export class CsvRecordSplitter {
  private pending = "";
  private pendingLine = 0;

  constructor(private readonly delimiter: string) {}

  /**
   * Feeds `text`, whole lines the first of which is line `firstLine` (a final line may lack its newline); each
   * record completed goes to `onRecord`. Returns the number of the line after the text.
   */
  feed(text: string, firstLine: number, onRecord: (values: string[], line: number) => void): number {
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
  finish(onRecord: (values: string[], line: number) => void): void {
    if (!this.pending) return;
    const pending = this.pending;
    this.pending = "";
    onRecord(parseQuoted(pending, this.delimiter), this.pendingLine);
  }

  private next(raw: string, line: number, onRecord: (values: string[], line: number) => void): void {
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
