import type { Readable } from "node:stream";
import { CsvRecordFinder } from "./csv-record-finder";
import { PhysicalLines } from "./physical-lines";

/** Whole records of a CSV file: a block read on its own gives the records the whole file gives for its lines. */
export interface CsvBlock {
  /** The physical line number of the block's first line (the file's first line is 1). */
  firstLine: number;
  /** Physical lines in the block, blank ones and line breaks inside quotes included. */
  lines: number;
  bytes: Buffer;
}

/**
 * Cuts a file into blocks of about `linesPerBlock` lines, as raw bytes: the reader only finds where records end,
 * so it keeps up with the parsing (rating, validation) done elsewhere. A block ends at the first line break after `linesPerBlock` lines
 * where the file's reader (the same line and quote rules, see CsvRecordFinder) starts a new record.
 */
export async function* csvBlocks(source: Readable, delimiter: string, linesPerBlock: number): AsyncGenerator<CsvBlock> {
  const finder = new CsvRecordFinder(delimiter, 1);
  let lines = 0;
  const cuts: Array<{ offset: number; lines: number }> = [];
  const physical = new PhysicalLines((bytes, start, end, next, quoted) => {
    finder.line(bytes, start, end, next, quoted);
    if (++lines >= linesPerBlock && !finder.inRecord) {
      cuts.push({ offset: physical.offsetOf(next), lines });
      lines = 0;
    }
  }, true);
  let parts: Buffer[] = [];
  let partsStart = 0;
  let firstLine = 1;
  /** The bytes from the last cut up to stream offset `offset`; the rest stays in `parts`. */
  const take = (offset: number): Buffer => {
    const all = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    const bytes = all.subarray(0, offset - partsStart);
    parts = offset - partsStart < all.length ? [all.subarray(offset - partsStart)] : [];
    partsStart = offset;
    return bytes;
  };
  for await (const data of source) {
    const chunk = typeof data === "string" ? Buffer.from(data) : (data as Buffer);
    parts.push(chunk);
    physical.push(chunk);
    for (const cut of cuts.splice(0)) {
      yield { firstLine, lines: cut.lines, bytes: take(cut.offset) };
      firstLine += cut.lines;
    }
  }
  physical.end();
  finder.end();
  const rest = take(partsStart + parts.reduce((n, p) => n + p.length, 0));
  if (rest.length > 0) yield { firstLine, lines: cuts.reduce((n, c) => n + c.lines, lines), bytes: rest };
}
