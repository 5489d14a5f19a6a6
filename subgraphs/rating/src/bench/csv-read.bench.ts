import { Readable } from "node:stream";
import { csvBlocks, eachCsvRecord } from "@intersettle/shared";

/**
 * Reading CDR files full of unbalanced quotes the way ingestion does (blocks cut, then each block's records), as a
 * ratio to a clean file of the same lines in the same run; the same files at twice the lines show the reading
 * stays linear. BENCH_CSV_LINES sets the size (default 200k).
 */
const LINES = Number(process.env.BENCH_CSV_LINES || 200_000);

type Shape = (i: number) => string;
const call = (i: number) => `c${i},2026-11-20T10:00:00Z,${(i * 13) % 900},+442079461234,+22${1000000 + (i % 8999999)},in,out,ANSWERED`;
const clean: Shape = (i) => `${call(i)}\n`;
/** Every line opens a quote it never closes: each line's record is unreadable, and read again from the next line. */
const everyLineOpen: Shape = (i) => `${call(i).replace(",", ',"')}\n`;
/** An unclosed quote every 20th line: each runs on over the most lines a record may span before it is given up. */
const openEvery20: Shape = (i) => (i % 20 === 0 ? everyLineOpen(i) : clean(i));

function file(shape: Shape, lines: number): Buffer {
  const parts: string[] = [];
  for (let i = 0; i < lines; i++) parts.push(shape(i));
  return Buffer.from(parts.join(""));
}

/** Cuts the file into 50,000-line blocks from 64 KB pieces and reads every block; the fastest of five runs. */
async function read(bytes: Buffer): Promise<{ ms: number; records: number; unreadable: number }> {
  let best = Infinity;
  let records = 0;
  let unreadable = 0;
  for (let run = 0; run < 5; run++) {
    records = 0;
    unreadable = 0;
    const pieces = Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) => bytes.subarray(i * 65536, (i + 1) * 65536));
    const started = performance.now();
    for await (const block of csvBlocks(Readable.from(pieces), ",", 50_000)) {
      eachCsvRecord(block.bytes, ",", { onRecord: () => records++, onUnreadable: () => unreadable++ }, block.firstLine);
    }
    best = Math.min(best, performance.now() - started);
  }
  return { ms: best, records, unreadable };
}

async function main(): Promise<void> {
  const cleanN = await read(file(clean, LINES));
  const openN = await read(file(everyLineOpen, LINES));
  const open2N = await read(file(everyLineOpen, 2 * LINES));
  const every20N = await read(file(openEvery20, LINES));
  const every20By2N = await read(file(openEvery20, 2 * LINES));
  if (openN.unreadable !== LINES || cleanN.records !== LINES || every20N.records + every20N.unreadable !== LINES) throw new Error("the files were not read as generated");
  const growth = (n: { ms: number }, twice: { ms: number }) => (twice.ms / n.ms).toFixed(2);
  console.log(
    JSON.stringify({
      name: `CSV reading, ${(LINES / 1000).toLocaleString("en")}k lines of unbalanced quotes`,
      detail:
        `csvBlocks + record reading of ${LINES.toLocaleString("en")} CDR lines each opening a quote it never closes (every one reported unreadable); ` +
        `the same at ${(2 * LINES).toLocaleString("en")} lines took ${Math.round(open2N.ms)} ms (${growth(openN, open2N)}× for twice the lines; 2.00 is linear); ` +
        `an unclosed quote every 20th line (each given up after ${20} lines, which are read again): ${Math.round(every20N.ms)} ms, ${(every20N.ms / cleanN.ms).toFixed(2)}× the clean file, ` +
        `${growth(every20N, every20By2N)}× for twice the lines`,
      baseline: "the same number of clean CDR lines read the same way",
      baselineMs: Math.round(cleanN.ms),
      measuredMs: Math.round(openN.ms),
      ratio: +(openN.ms / cleanN.ms).toFixed(2),
      throughput: `${Math.round(LINES / (openN.ms / 1000)).toLocaleString("en")} lines/s`,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

void main();
