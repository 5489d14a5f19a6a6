import fc from "fast-check";
import { Decimal } from "@intersettle/shared";
import { BinaryCopyWriter } from "../src/ingestion/binary-copy";

/** Reads one numeric field back the way PostgreSQL's numeric_recv does. */
function readNumeric(field: Buffer): { value: Decimal; scale: number } {
  expect(field.readInt32BE(0)).toBe(field.length - 4);
  const count = field.readInt16BE(4);
  const weight = field.readInt16BE(6);
  const sign = field.readUInt16BE(8);
  const scale = field.readInt16BE(10);
  let value = new Decimal(0);
  for (let i = 0; i < count; i++) {
    const group = field.readInt16BE(12 + 2 * i);
    expect(group).toBeGreaterThanOrEqual(0);
    expect(group).toBeLessThan(10000);
    value = value.plus(new Decimal(group).times(new Decimal(10000).pow(weight - i)));
  }
  return { value: sign === 0x4000 ? value.negated() : value, scale };
}

function numericField(plain: string): Buffer {
  const w = new BinaryCopyWriter(false);
  w.numeric(plain);
  return w.fragment();
}

describe("binary COPY encoding", () => {
  it("writes numerics as PostgreSQL's base-10000 groups, keeping the value and the scale", () => {
    expect([...numericField("0").subarray(4)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    // 12345.678 = 1 | 2345 . 6780, weight 1, scale 3
    expect([...numericField("12345.678").subarray(4)]).toEqual([0, 3, 0, 1, 0, 0, 0, 3, 0, 1, 0x09, 0x29, 0x1a, 0x7c]);
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 20 }), (units, scale) => {
        const plain = new Decimal(units.toString()).dividedBy(new Decimal(10).pow(scale)).toFixed(scale);
        const read = readNumeric(numericField(plain));
        expect(read.value.equals(new Decimal(plain))).toBe(true);
        expect(read.scale).toBe(scale);
      }),
    );
  });

  it("writes text as UTF-8 with its byte length", () => {
    for (const text of ["", "call-1", "Zürich €", "+4420"]) {
      const w = new BinaryCopyWriter(false);
      w.text(text);
      const field = w.fragment();
      expect(field.readInt32BE(0)).toBe(Buffer.byteLength(text));
      expect(field.subarray(4).toString("utf8")).toBe(text);
    }
  });

  it("writes timestamps as microseconds since 2000 and seals rows into messages ending with the trailer", () => {
    const w = new BinaryCopyWriter();
    for (let i = 0; i < 5000; i++) {
      w.row(2);
      w.timestamptz(Date.UTC(2026, 10, 20, 12, 0, 0, 5) + i);
      w.text("ü".repeat(i % 7));
    }
    const all = Buffer.concat(w.messages());
    expect(w.messages().length).toBeGreaterThan(1);
    expect(all.subarray(0, 11).toString("latin1")).toBe("PGCOPY\n\xff\r\n\0");
    expect(all.readInt16BE(all.length - 2)).toBe(-1);
    const first = all.subarray(19);
    expect(first.readInt16BE(0)).toBe(2);
    expect(first.readBigInt64BE(6)).toBe(BigInt(Date.UTC(2026, 10, 20, 12, 0, 0, 5) - Date.UTC(2000, 0, 1)) * 1000n);
  });
});
