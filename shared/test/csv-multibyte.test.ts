import { Readable } from "node:stream";
import fc from "fast-check";
import Papa from "papaparse";
import { csvBlocks } from "../src/files/csv-blocks";
import { csvRecords, CsvRecordReader, eachCsvRecord, type CsvRecordHandlers } from "../src/files/csv-records";
import { cutAt } from "./csv-reading";

type NumberedRecord = [line: number, values: string[]];

/** Records of a file delivered in the given pieces, as a stream reader sees them. */
function readPieces(pieces: Buffer[]): NumberedRecord[] {
  const out: NumberedRecord[] = [];
  const reader = new CsvRecordReader(",", handlers(out));
  for (const piece of pieces) reader.push(piece);
  reader.end();
  return out;
}

function whole(bytes: Buffer): NumberedRecord[] {
  const out: NumberedRecord[] = [];
  eachCsvRecord(bytes, ",", handlers(out));
  return out;
}

/** Well-formed CSV only: an unreadable record fails the test. */
function handlers(out: NumberedRecord[]): CsvRecordHandlers {
  return {
    onRecord: (values, line) => out.push([line, values]),
    onUnreadable: (record) => {
      throw new Error(`line ${record.line}: ${record.reason}`);
    },
  };
}


// One to four bytes in UTF-8 each, and the CSV characters that matter.
const CHARACTERS = ["a", "7", " ", ",", '"', "\n", "é", "ô", "ß", "Ж", "€", "日", "本", "😀", "𝄞", "🇬🇧"];
const DESTINATIONS = ["Côte d'Ivoire", "日本", "Россия", "España 📞", "São Tomé", "Ελλάδα", "🇬🇧 UK, mobile"];
const cell = fc.oneof(fc.constantFrom(...DESTINATIONS), fc.array(fc.constantFrom(...CHARACTERS), { maxLength: 6 }).map((c) => c.join("")));
const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 8 });

function csvBytes(rows: string[][]): Buffer {
  return Buffer.from(Papa.unparse(rows, { newline: "\n" }), "utf8");
}

describe("CSV text cut anywhere, even inside a character", () => {
  it("keeps a destination whose character is cut between two pieces", () => {
    const bytes = Buffer.from("prefix,destination\n225,Côte d'Ivoire\n81,日本\n", "utf8");
    const inside = bytes.indexOf(Buffer.from("ô")) + 1;
    expect(readPieces([bytes.subarray(0, inside), bytes.subarray(inside)])).toEqual([
      [1, ["prefix", "destination"]],
      [2, ["225", "Côte d'Ivoire"]],
      [3, ["81", "日本"]],
    ]);
  });

  it("reads the same records whatever byte the text is cut at", () => {
    fc.assert(
      fc.property(table, (rows) => {
        const bytes = csvBytes(rows);
        const expected = whole(bytes);
        expect(expected.map(([, values]) => values)).toEqual(Papa.parse<string[]>(bytes.toString("utf8"), { skipEmptyLines: true, delimiter: "," }).data);
        for (let at = 0; at <= bytes.length; at++) expect(readPieces([bytes.subarray(0, at), bytes.subarray(at)])).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it("reads the same records when cut at many places, one byte pieces included", async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.array(fc.nat(), { maxLength: 40 }), async (rows, offsets) => {
        const bytes = csvBytes(rows);
        const pieces = cutAt(bytes, offsets);
        expect(readPieces(pieces)).toEqual(whole(bytes));
        const streamed: string[][] = [];
        for await (const read of csvRecords(Readable.from(pieces))) streamed.push("values" in read ? read.values : []);
        expect(streamed).toEqual(whole(bytes).map(([, values]) => values));
        expect(readPieces(bytes.reduce<Buffer[]>((all, _, i) => [...all, bytes.subarray(i, i + 1)], []))).toEqual(whole(bytes));
      }),
      { numRuns: 200 },
    );
  });

  it("decodes CDR blocks, cut from pieces at line breaks, to the records of the whole file", async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.array(fc.nat(), { maxLength: 20 }), fc.integer({ min: 1, max: 4 }), async (rows, offsets, linesPerBlock) => {
        const bytes = csvBytes(rows);
        const decoded: NumberedRecord[] = [];
        for await (const block of csvBlocks(Readable.from(cutAt(bytes, offsets)), ",", linesPerBlock)) {
          eachCsvRecord(block.bytes, ",", handlers(decoded), block.firstLine);
        }
        expect(decoded).toEqual(whole(bytes));
      }),
      { numRuns: 200 },
    );
  });

  it("still turns invalid bytes into U+FFFD, as before", () => {
    const bytes = Buffer.concat([Buffer.from("a,"), Buffer.from([0xff, 0xc3]), Buffer.from(",b\n")]);
    expect(readPieces(cutAt(bytes, [3]))).toEqual([[1, ["a", "\uFFFD\uFFFD", "b"]]]);
  });
});
