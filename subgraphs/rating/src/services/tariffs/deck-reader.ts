import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { DeckFileFormat } from "../../entities";
import { CsvRecordReader } from "../files/csv-records";

/** One row of a deck as text cells, with the line an editor shows it on (CSV) or its sheet row (XLSX). */
export interface DeckRecord {
  values: string[];
  line: number;
}

/** Rows of a deck file, streamed: CSV through the hub's one CSV reader, XLSX (first sheet) through exceljs. */
export async function* deckRows(source: Readable, format: DeckFileFormat, delimiter = ","): AsyncGenerator<DeckRecord> {
  if (format === DeckFileFormat.XLSX) {
    yield* xlsxRows(source);
    return;
  }
  yield* csvRows(source, delimiter);
}

async function* csvRows(source: Readable, delimiter: string): AsyncGenerator<DeckRecord> {
  const reader = new CsvRecordReader(delimiter);
  let batch: DeckRecord[] = [];
  const add = (values: string[], line: number) => void batch.push({ values, line });
  for await (const piece of source) {
    reader.push(piece as Buffer | string, add);
    yield* batch;
    batch = [];
  }
  reader.end(add);
  yield* batch;
}

async function* xlsxRows(source: Readable): AsyncGenerator<DeckRecord> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { worksheets: "emit", sharedStrings: "cache", hyperlinks: "ignore", styles: "ignore", entries: "ignore" });
  for await (const worksheet of reader) {
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      if (values.every((v) => v === null || v === undefined || v === "")) continue;
      yield { values: values.map(cellText), line: row.number };
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
