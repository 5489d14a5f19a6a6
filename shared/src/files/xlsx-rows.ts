import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { CsvRead } from "./csv-records";

/**
 * Rows of one sheet of an XLSX workbook as text cells with their row number, streamed through exceljs (rate decks,
 * partners' invoices). `sheet`: the sheet's name; absent, the first. Blank rows are skipped; their numbers still count.
 * A named sheet the workbook lacks yields nothing: the caller says so, naming the sheets it saw through `sheetsSeen`.
 */
export async function* xlsxRows(source: Readable, sheet?: string, sheetsSeen: string[] = []): AsyncGenerator<CsvRead> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { worksheets: "emit", sharedStrings: "cache", hyperlinks: "ignore", styles: "ignore", entries: "ignore" });
  for await (const worksheet of reader) {
    const name = (worksheet as unknown as { name: string }).name;
    sheetsSeen.push(name);
    const wanted = sheet === undefined || name === sheet;
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      // A sheet that is not the wanted one is still read through: the stream yields sheets in order.
      if (!wanted) continue;
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      if (values.every((v) => v === null || v === undefined || v === "")) continue;
      yield { line: row.number, values: values.map(cellText) };
    }
    if (wanted) return;
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
