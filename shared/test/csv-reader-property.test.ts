import fc from "fast-check";
import { MAX_RAW_CHARS, MAX_RECORD_LINES, type CsvRead } from "../src/files/csv-records";
import { cutAt, cutBlocks, physicalLines, readBlocks, readStream } from "./csv-reading";

/** A piece of a generated file, and what reading it must give. */
interface Unit {
  bytes: Buffer;
  /** A record's values, or an unreadable record's reason (in part); a blank line expects nothing. */
  expect: { values: string[] } | { unreadable: string } | "blank" | "unknown";
}

const BREAK = /\r\n|\r|\n/g;
const breaks = (text: string) => text.match(BREAK)?.length ?? 0;

const value = fc.array(fc.constantFrom("a", "7", " ", ",", '"', "\n", "\r", "é", "日", "😀"), { maxLength: 6 }).map((c) => c.join(""));
const plain = fc.array(fc.constantFrom("a", "7", " ", "é", "x"), { maxLength: 5 }).map((c) => c.join(""));

/** A well-formed record: each value quoted where it must be (or at random), a quote inside an unquoted value left literal. */
const record: fc.Arbitrary<Unit> = fc
  .array(fc.tuple(value, fc.boolean()), { minLength: 1, maxLength: 4 })
  .filter((fields) => fields.reduce((n, [v]) => n + breaks(v), 1) <= MAX_RECORD_LINES)
  .map((fields) => {
    const text = fields
      .map(([v, quote]) => (quote || /[,\r\n]/.test(v) || v.startsWith('"') || (fields.length === 1 && v === "") ? `"${v.replace(/"/g, '""')}"` : v))
      .join(",");
    return { bytes: Buffer.from(text), expect: { values: fields.map(([v]) => v) } };
  });

const blank: fc.Arbitrary<Unit> = fc.constant({ bytes: Buffer.alloc(0), expect: "blank" });

/** A closing quote followed by something else than a delimiter: unreadable on its own line, nothing else lost. */
const brokenClose: fc.Arbitrary<Unit> = fc
  .tuple(plain, fc.constantFrom("x", " ", "é", "\u0000", "\uFFFD"), plain)
  .map(([inside, after, rest]) => ({ bytes: Buffer.from(`7,"${inside}"${after}${rest}`), expect: { unreadable: "column 2 ends with a quote followed by" } }));

/** Bytes without quotes or line breaks (NUL, invalid UTF-8, delimiters): one record of whatever they decode to. */
const noise: fc.Arbitrary<Unit> = fc.array(fc.constantFrom(0x00, 0xff, 0xc3, 0xa9, 0x2c, 0x61, 0x20), { minLength: 1, maxLength: 12 }).map((b) => {
  const bytes = Buffer.from(b);
  return { bytes, expect: { values: bytes.toString("utf8").split(",") } };
});

/** Hostile bytes: quotes anywhere, unclosed quotes, line breaks of every kind, NUL and invalid UTF-8. */
const hostile: fc.Arbitrary<Unit> = fc.oneof(
  fc.array(fc.constantFrom(0x00, 0x22, 0x22, 0x2c, 0x0a, 0x0d, 0x61, 0xff, 0xc3, 0xa9, 0x20), { maxLength: 30 }).map((b) => ({ bytes: Buffer.from(b), expect: "unknown" as const })),
  plain.map((p) => ({ bytes: Buffer.from(`1,"${p}`), expect: "unknown" as const })),
);

/** A file of units, each ended by LF, CRLF or a bare CR (the last one perhaps by nothing), perhaps after a BOM. */
function file(unit: fc.Arbitrary<Unit>) {
  return fc
    .tuple(fc.array(fc.tuple(unit, fc.constantFrom("\n", "\r\n", "\r")), { maxLength: 25 }), fc.boolean(), fc.boolean())
    .map(([units, bom, lastEnded]) => {
      const parts: Buffer[] = bom ? [Buffer.from("\uFEFF")] : [];
      const starts: number[] = [];
      units.forEach(([u, ending], i) => {
        starts.push(Buffer.concat(parts).length);
        parts.push(u.bytes, Buffer.from(i < units.length - 1 || lastEnded ? ending : ""));
      });
      const bytes = Buffer.concat(parts);
      // A unit's line, counted in the finished file: a bare CR before a blank line's LF makes one CRLF.
      return { bytes, units: units.map(([u], i) => ({ ...u, line: physicalLines(bytes.subarray(0, starts[i])).length + 1 })) };
    });
}

const pieces = fc.oneof(fc.array(fc.nat(), { maxLength: 30 }), fc.constant([...Array(200).keys()]));
const linesPerBlock = fc.integer({ min: 1, max: 6 });

/** Every physical line is the first line of exactly one record or unreadable report, a line inside a record, or blank. */
function expectEveryLineAccounted(bytes: Buffer, read: CsvRead[]): void {
  const lines = physicalLines(bytes);
  const role: Array<string | undefined> = [];
  let previous = 0;
  for (const r of read) {
    expect(r.line).toBeGreaterThan(previous);
    previous = r.line;
    expect(lines[r.line - 1]?.length).toBeGreaterThan(0);
    if ("values" in r) {
      // Line breaks are kept inside quoted values, so a record's lines are its first and one per break in its values.
      const span = r.values.reduce((n, v) => n + breaks(v), 1);
      for (let line = r.line; line < r.line + span; line++) {
        expect(role[line]).toBeUndefined();
        role[line] = "record";
      }
    } else {
      expect(role[r.line]).toBeUndefined();
      role[r.line] = "unreadable";
      expect(r.raw).toBe(lines[r.line - 1].toString("utf8").slice(0, MAX_RAW_CHARS));
      expect(r.reason).toMatch(/quoted field/);
    }
  }
  expect(role.length).toBeLessThanOrEqual(lines.length + 1);
  lines.forEach((text, i) => {
    if (role[i + 1] === undefined) expect(text.length).toBe(0);
  });
}

async function readBothWays(bytes: Buffer, offsets: number[], perBlock: number): Promise<CsvRead[]> {
  const cut = cutAt(bytes, offsets);
  const streamed = readStream(cut);
  const blocks = await cutBlocks(cut, perBlock);
  expect(Buffer.concat(blocks.map((b) => b.bytes))).toEqual(bytes);
  expect(blocks.reduce((line, b) => (expect(b.firstLine).toBe(line), line + b.lines), 1)).toBe(physicalLines(bytes).length + 1);
  expect(await readBlocks(cut, perBlock)).toEqual(streamed);
  return streamed;
}

describe("the CSV reader on any file", () => {
  it("reads well-formed records, blank lines, stray quotes and noise exactly, at their lines, however the file is cut", async () => {
    await fc.assert(
      fc.asyncProperty(file(fc.oneof({ weight: 4, arbitrary: record }, blank, brokenClose, noise)), pieces, linesPerBlock, async ({ bytes, units }, offsets, perBlock) => {
        const read = await readBothWays(bytes, offsets, perBlock);
        const expected = units.filter((u) => u.expect !== "blank");
        expect(read.map((r) => r.line)).toEqual(expected.map((u) => u.line));
        read.forEach((r, i) => {
          const want = expected[i].expect as { values: string[] } | { unreadable: string };
          if ("values" in want) expect(r).toEqual({ line: expected[i].line, values: want.values });
          else expect(r).toMatchObject({ raw: expected[i].bytes.toString("utf8"), reason: expect.stringContaining(want.unreadable) });
        });
        expectEveryLineAccounted(bytes, read);
      }),
      { numRuns: 400 },
    );
  });

  it("accounts for every line of a hostile file, and reads a well-formed record wherever a record starts on its line", async () => {
    await fc.assert(
      fc.asyncProperty(file(fc.oneof(record, blank, brokenClose, noise, hostile, hostile)), pieces, linesPerBlock, async ({ bytes, units }, offsets, perBlock) => {
        const read = await readBothWays(bytes, offsets, perBlock);
        expectEveryLineAccounted(bytes, read);
        const at = new Map(read.map((r) => [r.line, r]));
        for (const u of units) {
          const found = at.get(u.line);
          if (found && typeof u.expect === "object" && "values" in u.expect && u.bytes.length > 0) expect(found).toEqual({ line: u.line, values: u.expect.values });
        }
      }),
      { numRuns: 400 },
    );
  });
});
