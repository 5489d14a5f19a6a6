import { Readable } from "node:stream";
import fc from "fast-check";
import Papa from "papaparse";
import { csvRecords } from "../src/files/csv-records";
import { cutInto } from "./text-chunks";

async function rows(chunks: string[], delimiter = ","): Promise<string[][]> {
  const out: string[][] = [];
  for await (const read of csvRecords(Readable.from(chunks.map((c) => Buffer.from(c))), delimiter)) {
    if (!("values" in read)) throw new Error(`line ${read.line}: ${read.reason}`);
    out.push(read.values);
  }
  return out;
}

describe("csvRecords", () => {
  it("splits plain lines, skips blank ones, handles CRLF, a BOM and a missing final newline", async () => {
    expect(await rows(["\uFEFFa,b,c\r\n1,2,3\r\n\r\n4,5,6"])).toEqual([["a", "b", "c"], ["1", "2", "3"], ["4", "5", "6"]]);
  });

  it("parses quoted fields, doubled quotes, delimiters and line breaks inside quotes", async () => {
    expect(await rows(['"United Kingdom, fixed",44,"He said ""hi"""\n"two\nlines",x\n'])).toEqual([
      ["United Kingdom, fixed", "44", 'He said "hi"'],
      ["two\nlines", "x"],
    ]);
  });

  it("reads the same rows however the stream is cut into chunks", async () => {
    const cell = fc.oneof(fc.stringMatching(/^[a-z0-9 .+-]{0,8}$/), fc.stringMatching(/^[a-z,;" \n]{0,8}$/));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 12 }), fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 8 }), async (table, cuts) => {
        const text = Papa.unparse(table.filter((r) => r.some((c) => c !== "")), { newline: "\n" });
        const expected = text === "" ? [] : Papa.parse<string[]>(text, { skipEmptyLines: true, delimiter: "," }).data;
        expect(await rows(cutInto(text, cuts))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
