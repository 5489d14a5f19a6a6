import { Readable } from "node:stream";
import fc from "fast-check";
import { csvBlocks } from "../src/files/csv-blocks";
import { eachCsvRecord } from "../src/files/csv-records";
import { cutInto } from "./text-chunks";

type NumberedRecord = [line: number, values: string[]];

function records(content: string | Buffer, firstLine = 1): NumberedRecord[] {
  const out: NumberedRecord[] = [];
  eachCsvRecord(content, ",", { onRecord: (values, line) => out.push([line, values]), onUnreadable: (record) => out.push([record.line, ["unreadable", record.reason]]) }, firstLine);
  return out;
}

async function blocks(chunks: string[], linesPerBlock: number) {
  const out = [];
  for await (const block of csvBlocks(Readable.from(chunks.map((c) => Buffer.from(c))), ",", linesPerBlock)) out.push(block);
  return out;
}

describe("csvBlocks", () => {
  it("cuts after the given number of lines, counting blank lines, and never inside quotes", async () => {
    const text = 'h1,h2\na,1\n\n"two\nlines",2\nb,3\nc,4';
    const cut = await blocks([text], 2);
    expect(cut.map((b) => [b.firstLine, b.lines, b.bytes.toString()])).toEqual([
      [1, 2, "h1,h2\na,1\n"],
      [3, 3, '\n"two\nlines",2\n'],
      [6, 2, "b,3\nc,4"],
    ]);
  });

  it("gives the records and line numbers of the whole file, however the file arrives and is cut", async () => {
    const cell = fc.oneof(fc.stringMatching(/^[a-z0-9 +-]{0,6}$/), fc.stringMatching(/^[a-z,"\n]{0,6}$/).map((c) => `"${c.replace(/"/g, '""')}"`));
    const line = fc.oneof(fc.array(cell, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(",")), fc.constant(""));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 20 }), fc.boolean(), fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 6 }), fc.integer({ min: 1, max: 6 }), async (lines, crlf, cuts, linesPerBlock) => {
        const text = lines.join(crlf ? "\r\n" : "\n");
        const cut = await blocks(cutInto(text, cuts), linesPerBlock);
        expect(cut.map((b) => b.bytes.toString()).join("")).toBe(text);
        let next = 1;
        for (const b of cut) {
          expect(b.firstLine).toBe(next);
          next += b.lines;
        }
        expect(cut.flatMap((b) => records(b.bytes, b.firstLine))).toEqual(records(text));
      }),
      { numRuns: 300 },
    );
  });
});
