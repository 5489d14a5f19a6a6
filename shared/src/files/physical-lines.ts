/**
 * A physical line of a file: `bytes[start, end)` is its text, `next` the offset after its line break. `quoted` says
 * whether the text holds a quote (lines without one — most CDR lines — skip the quote rules entirely).
 */
export type OnPhysicalLine = (bytes: Buffer, start: number, end: number, next: number, quoted: boolean) => void;

/**
 * Cuts bytes, fed in any pieces, into physical lines: what an editor shows as lines, so that every part of the
 * hub numbers them alike. A line ends at LF, CRLF or a bare CR; a CR that ends a piece waits for the next byte.
 * A UTF-8 byte order mark at the start of the file is not part of line 1. Every byte is looked at a bounded
 * number of times, whatever the line endings and however the pieces fall.
 */
export class PhysicalLines {
  private carry: Buffer[] = [];
  /** The stream offset of the first byte not yet given out in a line. */
  private consumed = 0;
  /** The stream offset of the bytes being cut into lines. */
  private base = 0;

  /** `fileStart`: the first byte fed is the file's first byte (so a byte order mark may follow). */
  constructor(private readonly onLine: OnPhysicalLine, private fileStart: boolean) {}

  /** The stream offset (from the first byte fed) of position `at` in the bytes `onLine` is being given. */
  offsetOf(at: number): number {
    return this.base + at;
  }

  push(piece: Buffer): void {
    if (this.carry.length > 0 && piece.indexOf(LF) === -1 && piece.indexOf(CR) === -1) {
      // A long line arriving in small pieces is joined once, when its line break comes.
      this.carry.push(piece);
      return;
    }
    this.carry.push(piece);
    this.lines(false);
  }

  /** The end of the file: its last line, even without a line break. */
  end(): void {
    this.lines(true);
  }

  private lines(final: boolean): void {
    const bytes = this.carry.length === 1 ? this.carry[0] : Buffer.concat(this.carry);
    this.carry = [];
    this.base = this.consumed;
    let from = 0;
    if (this.fileStart) {
      if (!final && bytes.length < BOM.length && BOM.subarray(0, bytes.length).equals(bytes)) return this.keep(bytes, 0);
      if (bytes.subarray(0, BOM.length).equals(BOM)) from = BOM.length;
      this.fileStart = false;
    }
    let lf = -1;
    let cr = -1;
    let quote = -1;
    while (from < bytes.length) {
      // Each search runs ahead once and is reused until passed: lines are found in linear time.
      if (lf < from) lf = indexOrEnd(bytes, LF, from);
      if (cr < from) cr = indexOrEnd(bytes, CR, from);
      const end = Math.min(lf, cr);
      if (end === bytes.length && !final) break;
      let next = end + 1;
      if (end === cr && end < bytes.length) {
        if (end + 1 === bytes.length && !final) break;
        if (bytes[end + 1] === LF) next++;
      }
      if (quote < from) quote = indexOrEnd(bytes, QUOTE, from);
      this.onLine(bytes, from, end, Math.min(next, bytes.length), quote < end);
      from = next;
    }
    this.keep(bytes, Math.min(from, bytes.length));
  }

  private keep(bytes: Buffer, from: number): void {
    this.consumed = this.base + from;
    if (from < bytes.length) this.carry.push(bytes.subarray(from));
  }
}

/** Where line 1 ends: the first LF or CR, or the end of the bytes. */
export function firstLineEnd(bytes: Buffer): number {
  return Math.min(indexOrEnd(bytes, LF, 0), indexOrEnd(bytes, CR, 0));
}

function indexOrEnd(bytes: Buffer, byte: number, from: number): number {
  const at = bytes.indexOf(byte, from);
  return at === -1 ? bytes.length : at;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
