import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { DeckFileFormat } from "../../entities";
import { csvRecords, type CsvRead } from "@intersettle/shared";

/**
 * Rows of a deck file as text cells with their line (sheet row), streamed: CSV through the hub's one CSV reader
 * (a record it cannot delimit comes as an UnreadableRecord), XLSX (first sheet) through exceljs.
 */
export async function* deckRows(source: Readable, format: DeckFileFormat, delimiter = ","): AsyncGenerator<CsvRead> {
  if (format === DeckFileFormat.XLSX) {
    yield* xlsxRows(source);
    return;
  }
  yield* csvRecords(source, delimiter);
}

async function* xlsxRows(source: Readable): AsyncGenerator<CsvRead> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { worksheets: "emit", sharedStrings: "cache", hyperlinks: "ignore", styles: "ignore", entries: "ignore" });
  for await (const worksheet of reader) {
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      if (values.every((v) => v === null || v === undefined || v === "")) continue;
      yield { line: row.number, values: values.map(cellText) };
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
