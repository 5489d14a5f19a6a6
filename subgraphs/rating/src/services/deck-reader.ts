import type { Readable } from "node:stream";
import Papa from "papaparse";
import ExcelJS from "exceljs";
import { DeckFileFormat } from "../entities";

/** Rows of a deck file as text cells, streamed: CSV through papaparse, XLSX (first sheet) through exceljs. */
export async function* deckRows(source: Readable, format: DeckFileFormat, delimiter = ","): AsyncGenerator<string[]> {
  if (format === DeckFileFormat.XLSX) {
    yield* xlsxRows(source);
    return;
  }
  yield* csvRows(source, delimiter);
}

/** Rows of a CSV stream as text cells (papaparse, quoted fields and a leading BOM handled). */
export async function* csvRows(source: Readable, delimiter = ","): AsyncGenerator<string[]> {
  const parser = source.pipe(Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter, skipEmptyLines: "greedy" }));
  source.on("error", (err) => parser.destroy(err));
  let first = true;
  for await (const row of parser as AsyncIterable<string[]>) {
    if (first && row[0]) row[0] = row[0].replace(/^\uFEFF/, "");
    first = false;
    yield row;
  }
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
