import { Readable } from "node:stream";
import { csvBlocks, type CsvBlock } from "../src/files/csv-blocks";
import { CsvRecordReader, eachCsvRecord, type CsvRead, type CsvRecordHandlers } from "../src/files/csv-records";

/** How the tests read CSV files: as a stream reader sees them, and as CDR ingestion does (blocks, then records). */

export function collect(out: CsvRead[]): CsvRecordHandlers {
  return { onRecord: (values, line) => out.push({ line, values }), onUnreadable: (record) => out.push(record) };
}

/** Every record of `bytes` delivered in the given pieces. */
export function readStream(pieces: Buffer[], delimiter = ","): CsvRead[] {
  const out: CsvRead[] = [];
  const reader = new CsvRecordReader(delimiter, collect(out));
  for (const piece of pieces) reader.push(piece);
  reader.end();
  return out;
}

export function readWhole(content: Buffer | string, delimiter = ","): CsvRead[] {
  const out: CsvRead[] = [];
  eachCsvRecord(content, delimiter, collect(out));
  return out;
}

export async function cutBlocks(pieces: Buffer[], linesPerBlock: number, delimiter = ","): Promise<CsvBlock[]> {
  const blocks: CsvBlock[] = [];
  for await (const block of csvBlocks(Readable.from(pieces), delimiter, linesPerBlock)) blocks.push(block);
  return blocks;
}

/** Every record of the file cut into blocks, each block read on its own (as a rating thread does). */
export async function readBlocks(pieces: Buffer[], linesPerBlock: number, delimiter = ","): Promise<CsvRead[]> {
  const out: CsvRead[] = [];
  for (const block of await cutBlocks(pieces, linesPerBlock, delimiter)) eachCsvRecord(block.bytes, delimiter, collect(out), block.firstLine);
  return out;
}

/** `bytes` cut at the given byte offsets (any order, repeats allowed). */
export function cutAt(bytes: Buffer, offsets: number[]): Buffer[] {
  const at = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const to of at) {
    pieces.push(bytes.subarray(from, to));
    from = to;
  }
  pieces.push(bytes.subarray(from));
  return pieces;
}

/**
 * The physical lines of a file as an editor shows them, found byte by byte: LF, CRLF and a lone CR each end a
 * line; a byte order mark opening the file is not part of line 1.
 */
export function physicalLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? 3 : 0;
  for (let at = start; at < bytes.length; at++) {
    if (bytes[at] !== 0x0a && bytes[at] !== 0x0d) continue;
    lines.push(bytes.subarray(start, at));
    if (bytes[at] === 0x0d && bytes[at + 1] === 0x0a) at++;
    start = at + 1;
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}
