import { MAX_RECORD_BYTES, MAX_RECORD_LINES } from "../src/files/csv-records";
import { cutAt, cutBlocks, readBlocks, readStream, readWhole } from "./csv-reading";

const lines = (count: number, from = 1) => Array.from({ length: count }, (_, i) => `c${from + i},60,ok\n`).join("");
const records = (count: number, firstLine: number) => Array.from({ length: count }, (_, i) => ({ line: firstLine + i, values: [`c${i + 1}`, "60", "ok"] }));

describe("records the reader cannot delimit", () => {
  it("keeps a quote inside an unquoted field as a character", () => {
    expect(readWhole('1,ab"c,3\n2,x"",y\n')).toEqual([
      { line: 1, values: ["1", 'ab"c', "3"] },
      { line: 2, values: ["2", 'x""', "y"] },
    ]);
  });

  it("reports one unclosed quote once and reads the 1000 lines after it, whole or in blocks", async () => {
    const text = Buffer.from(`c0,"60,ok\n${lines(1000)}`);
    const expected = [{ line: 1, raw: 'c0,"60,ok', reason: `a quoted field opened in column 2 never closes within ${MAX_RECORD_LINES} lines` }, ...records(1000, 2)];
    expect(readWhole(text)).toEqual(expected);
    expect(readStream(cutAt(text, [3, 4, 5, 100, 5000]))).toEqual(expected);
    expect(await readBlocks([text], 7)).toEqual(expected);
  });

  it("reads a file whose lines end in a bare CR, and mixed line endings, line by line", async () => {
    expect(readWhole("a,b\rc,d\re,f")).toEqual([
      { line: 1, values: ["a", "b"] },
      { line: 2, values: ["c", "d"] },
      { line: 3, values: ["e", "f"] },
    ]);
    const mixed = Buffer.from('h1,h2\r\na,1\rb,2\n\r\nc,"x\ry"\r\nd,4\r');
    const expected = [
      { line: 1, values: ["h1", "h2"] },
      { line: 2, values: ["a", "1"] },
      { line: 3, values: ["b", "2"] },
      { line: 5, values: ["c", "x\ry"] },
      { line: 7, values: ["d", "4"] },
    ];
    expect(readWhole(mixed)).toEqual(expected);
    // A CR ending a piece waits for the next byte: CRLF cut in two is still one line break.
    expect(readStream(cutAt(mixed, [6, 12]))).toEqual(expected);
    const blocks = await cutBlocks(cutAt(mixed, [6, 12]), 1);
    expect(blocks.map((b) => [b.firstLine, b.lines, b.bytes.toString()])).toEqual([
      [1, 1, "h1,h2\r\n"],
      [2, 1, "a,1\r"],
      [3, 1, "b,2\n"],
      [4, 1, "\r\n"],
      [5, 2, 'c,"x\ry"\r\n'],
      [7, 1, "d,4\r"],
    ]);
  });

  it("reports a closing quote followed by anything but a delimiter, and reads on at the next line", () => {
    expect(readWhole('1,"ab"c,3\n2,x\n3,"ab" ,4\n')).toEqual([
      { line: 1, raw: '1,"ab"c,3', reason: "the quoted field in column 2 ends with a quote followed by 'c' instead of a delimiter or the end of the line" },
      { line: 2, values: ["2", "x"] },
      { line: 3, raw: '3,"ab" ,4', reason: "the quoted field in column 2 ends with a quote followed by ' ' instead of a delimiter or the end of the line" },
    ]);
  });

  it("reports a quote opened on one line that a later line's quote cannot close, and reads those lines again", () => {
    expect(readWhole('1,"open\n2,plain\n3,"quoted",x\n')).toEqual([
      { line: 1, raw: '1,"open', reason: "a quoted field opened in column 2 never closes: the quote on line 3 that would close it is followed by 'q' instead of a delimiter or the end of the line" },
      { line: 2, values: ["2", "plain"] },
      { line: 3, values: ["3", "quoted", "x"] },
    ]);
  });

  it("reports a file that ends inside a quote at the record's first line, and reads the lines after it", () => {
    expect(readWhole('a,b\n1,"open\n2,x\n3,y')).toEqual([
      { line: 1, values: ["a", "b"] },
      { line: 2, raw: '1,"open', reason: "a quoted field opened in column 2 never closes before the end of the file" },
      { line: 3, values: ["2", "x"] },
      { line: 4, values: ["3", "y"] },
    ]);
  });

  it("keeps a quoted field over line breaks up to the bound, and no further", () => {
    const within = `1,"${"x\n".repeat(MAX_RECORD_LINES - 1)}end"\n2,y\n`;
    expect(readWhole(within)).toEqual([{ line: 1, values: ["1", `${"x\n".repeat(MAX_RECORD_LINES - 1)}end`] }, { line: MAX_RECORD_LINES + 1, values: ["2", "y"] }]);
    const beyond = `1,"${"x\n".repeat(MAX_RECORD_LINES)}end"\n`;
    const read = readWhole(beyond);
    expect(read[0]).toMatchObject({ line: 1, reason: `a quoted field opened in column 2 never closes within ${MAX_RECORD_LINES} lines` });
    // The lines after it are records of their own; the quote that was meant to close is a character there.
    expect(read.slice(1)).toEqual([...Array.from({ length: MAX_RECORD_LINES - 1 }, (_, i) => ({ line: i + 2, values: ["x"] })), { line: MAX_RECORD_LINES + 1, values: ['end"'] }]);
    const long = `1,"${"x".repeat(MAX_RECORD_BYTES)}\n2,y\n`;
    expect(readWhole(long)).toEqual([
      { line: 1, raw: long.slice(0, 2000), reason: `a quoted field opened in column 2 never closes within ${MAX_RECORD_BYTES / 1024} KB` },
      { line: 2, values: ["2", "y"] },
    ]);
  });

  it("names the character after a closing quote when it is not printable", () => {
    expect(readWhole(Buffer.from([0x22, 0x61, 0x22, 0x00, 0x0a]))[0]).toMatchObject({ reason: expect.stringContaining("followed by the control character 0x00") });
    expect(readWhole(Buffer.from([0x22, 0x61, 0x22, 0xff, 0x0a]))[0]).toMatchObject({ reason: expect.stringContaining("followed by the invalid byte 0xff") });
  });

  it("reads with another delimiter, a quote opening only right after it", () => {
    expect(readWhole('a;"b;c";d"e\n', ";")).toEqual([{ line: 1, values: ["a", "b;c", 'd"e'] }]);
  });
});
