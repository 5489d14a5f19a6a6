import type { Readable } from "node:stream";

/** Whole lines of a CDR file, cut where no quoted field is open: a block's records are all its own. */
export interface CdrBlock {
  /** The physical line number of the block's first line (the file's first line is 1). */
  firstLine: number;
  /** Physical lines in the block, blank ones and line breaks inside quotes included. */
  lines: number;
  bytes: Buffer;
}

/**
 * Cuts a file into blocks of about `linesPerBlock` lines, as raw bytes: the reader only finds line breaks, so
 * it keeps up with rating done elsewhere. A block ends at the first line break after `linesPerBlock` lines where
 * the quotes seen since the block began are balanced.
 */
export async function* cdrBlocks(source: Readable, linesPerBlock: number): AsyncGenerator<CdrBlock> {
  let parts: Buffer[] = [];
  let firstLine = 1;
  let lines = 0;
  let quoteOpen = false;
  for await (const data of source) {
    let chunk = typeof data === "string" ? Buffer.from(data) : (data as Buffer);
    for (;;) {
      const cut = findCut(chunk);
      if (cut === -1) break;
      parts.push(chunk.subarray(0, cut + 1));
      yield { firstLine, lines, bytes: Buffer.concat(parts) };
      firstLine += lines;
      lines = 0;
      parts = [];
      chunk = chunk.subarray(cut + 1);
    }
    if (chunk.length > 0) parts.push(chunk);
  }
  const rest = Buffer.concat(parts);
  if (rest.length > 0) yield { firstLine, lines: lines + (rest[rest.length - 1] === NEWLINE ? 0 : 1), bytes: rest };

  /** The line break ending the block, or -1 when the chunk ends first; counts the lines and quotes passed. */
  function findCut(chunk: Buffer): number {
    // Most CDR files quote nothing: line breaks are then found natively, a block of bytes at a time.
    if (chunk.indexOf(QUOTE) === -1) {
      for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) {
        if (++lines >= linesPerBlock && !quoteOpen) return at;
      }
      return -1;
    }
    for (let at = 0; at < chunk.length; at++) {
      const byte = chunk[at];
      if (byte === QUOTE) quoteOpen = !quoteOpen;
      else if (byte === NEWLINE && ++lines >= linesPerBlock && !quoteOpen) return at;
    }
    return -1;
  }
}

const NEWLINE = 0x0a;
const QUOTE = 0x22;
