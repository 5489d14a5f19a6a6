/**
 * Rows in PostgreSQL's binary COPY format (see "Binary Format" under COPY in the PostgreSQL manual), written
 * straight into ~64 KB messages. The server then parses no text for uuids, numbers and timestamps: on rated
 * calls that was a third of its COPY time. (pg-copy-streams-binary has no numeric or uuid type and builds a
 * buffer per row.)
 */
export class BinaryCopyWriter {
  private buf: Buffer;
  private at = 0;
  private readonly sealed: Buffer[] = [];
  private finished = false;

  /** `header` false: a fragment of fields, spliced into rows later with `fields`. */
  constructor(header = true) {
    // A fragment is a few fields (a leg's charge, an id): it starts small and grows if it must.
    this.buf = Buffer.allocUnsafe(header ? 2 * MESSAGE_BYTES : 64);
    if (header) {
      SIGNATURE.copy(this.buf, 0);
      this.buf.fill(0, SIGNATURE.length, SIGNATURE.length + 8); // flags, header extension length
      this.at = SIGNATURE.length + 8;
    }
  }

  /** Starts a row of `count` fields; a message is sealed between rows once it holds ~64 KB. */
  row(count: number): void {
    if (this.at >= MESSAGE_BYTES) this.seal();
    this.room(2);
    this.at = this.buf.writeInt16BE(count, this.at);
  }

  null(): void {
    this.room(4);
    this.at = this.buf.writeInt32BE(-1, this.at);
  }

  text(value: string): void {
    this.room(4 + 3 * value.length);
    const buf = this.buf;
    const from = this.at + 4;
    // Call ids, numbers and trunk names are short ASCII: copied by hand, faster than a call into the encoder.
    let i = 0;
    for (; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c > 127) break;
      buf[from + i] = c;
    }
    const bytes = i === value.length ? i : buf.write(value, from);
    buf.writeInt32BE(bytes, this.at);
    this.at = from + bytes;
  }

  int4(value: number): void {
    this.room(8);
    this.buf.writeInt32BE(4, this.at);
    this.at = this.buf.writeInt32BE(value, this.at + 4);
  }

  bool(value: boolean): void {
    this.room(5);
    this.buf.writeInt32BE(1, this.at);
    this.at = this.buf.writeUInt8(value ? 1 : 0, this.at + 4);
  }

  uuid(value: string): void {
    this.room(20);
    this.buf.writeInt32BE(16, this.at);
    this.buf.write(value.replace(/-/g, ""), this.at + 4, "hex");
    this.at += 20;
  }

  /** Microseconds since 2000-01-01 UTC, as an 8-byte integer. */
  timestamptz(epochMs: number): void {
    const micros = (epochMs - PG_EPOCH_MS) * 1000;
    const high = Math.floor(micros / 2 ** 32);
    this.room(12);
    this.buf.writeInt32BE(8, this.at);
    this.buf.writeInt32BE(high, this.at + 4);
    this.at = this.buf.writeUInt32BE(micros - high * 2 ** 32, this.at + 8);
  }

  /** A plain decimal ("-12.3400", no exponent): base-10000 digit groups, as PostgreSQL's numeric_send writes them. */
  numeric(plain: string): void {
    const negative = plain.charCodeAt(0) === 45;
    const from = negative ? 1 : 0;
    const dot = plain.indexOf(".");
    const intEnd = dot < 0 ? plain.length : dot;
    const scale = dot < 0 ? 0 : plain.length - dot - 1;
    const groups: number[] = [];
    // Integer digits group from the point leftwards, fraction digits from the point rightwards.
    for (let end = intEnd, start = from + ((intEnd - from) % 4 || 4); start <= end; start += 4) groups.push(digitsOf(plain, start - 4 < from ? from : start - 4, start));
    let weight = groups.length - 1;
    for (let start = intEnd + 1; start < plain.length; start += 4) groups.push(digitsOf(plain, start, Math.min(start + 4, plain.length)) * 10 ** Math.max(0, start + 4 - plain.length));
    let first = 0;
    while (first < groups.length && groups[first] === 0) first++;
    let last = groups.length;
    while (last > first && groups[last - 1] === 0) last--;
    weight -= first;
    const count = last - first;
    this.room(12 + 2 * count);
    this.buf.writeInt32BE(8 + 2 * count, this.at);
    this.buf.writeInt16BE(count, this.at + 4);
    this.buf.writeInt16BE(count === 0 ? 0 : weight, this.at + 6);
    this.buf.writeUInt16BE(negative && count > 0 ? 0x4000 : 0, this.at + 8);
    this.buf.writeInt16BE(scale, this.at + 10);
    this.at += 12;
    for (let i = first; i < last; i++) this.at = this.buf.writeInt16BE(groups[i], this.at);
  }

  /** Fields encoded once (by a header-less writer's `fragment`) and repeated on many rows. */
  fields(fragment: Buffer): void {
    this.room(fragment.length);
    // set(), not copy(): for a few dozen bytes copy()'s own checks cost more than the copying.
    this.buf.set(fragment, this.at);
    this.at += fragment.length;
  }

  /** The fields written so far, as a fragment to splice into rows. */
  fragment(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.at));
  }

  /** Every message, ending with the format's trailer. */
  messages(): Buffer[] {
    if (!this.finished) {
      this.room(2);
      this.at = this.buf.writeInt16BE(-1, this.at);
      this.seal();
      this.finished = true;
    }
    return this.sealed;
  }

  private seal(): void {
    this.sealed.push(Buffer.from(this.buf.subarray(0, this.at)));
    this.at = 0;
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(2 * this.buf.length, this.at + bytes));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }
}

const MESSAGE_BYTES = 64 * 1024;
const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);

function digitsOf(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}
