import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { DeckFileFormat } from "../../entities";
import { CsvRecordSplitter } from "../files/csv-records";

/** Rows of a deck file as text cells, streamed: CSV through papaparse, XLSX (first sheet) through exceljs. */
export async function* deckRows(source: Readable, format: DeckFileFormat, delimiter = ","): AsyncGenerator<string[]> {
  if (format === DeckFileFormat.XLSX) {
    yield* xlsxRows(source);
    return;
  }
  yield* csvRows(source, delimiter);
}

/** Rows of a CSV stream as text cells, one at a time. */
export async function* csvRows(source: Readable, delimiter = ","): AsyncGenerator<string[]> {
  for await (const batch of csvRowBatches(source, delimiter)) yield* batch;
}

/** Rows of a CSV stream, a batch per chunk read (no promise per row for million-row files). */
export async function* csvRowBatches(source: Readable, delimiter = ","): AsyncGenerator<string[][]> {
  const splitter = new CsvRecordSplitter(delimiter);
  let carry = "";
  let line = 1;
  for await (const chunk of source) {
    const text = carry + (typeof chunk === "string" ? chunk : (chunk as Buffer).toString("utf8"));
    const end = text.lastIndexOf("\n") + 1;
    carry = text.slice(end);
    const batch: string[][] = [];
    line = splitter.feed(text.slice(0, end), line, (values) => batch.push(values));
    if (batch.length > 0) yield batch;
  }
  const last: string[][] = [];
  splitter.feed(carry, line, (values) => last.push(values));
  splitter.finish((values) => last.push(values));
  if (last.length > 0) yield last;
}

async function* xlsxRows(source: Readable): AsyncGenerator<string[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { worksheets: "emit", sharedStrings: "cache", hyperlinks: "ignore", styles: "ignore", entries: "ignore" });
  for await (const worksheet of reader) {
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      if (values.every((v) => v === null || v === undefined || v === "")) continue;
      yield values.map(cellText);
    }
    return; // the first sheet only
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((t) => t.text).join("");
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
  }
  return String(value);
}
