import { Readable } from "node:stream";
import { csvRecordBatches, IngestionFileError, textOnly, xlsxRows, type CsvRead } from "@intersettle/shared";

/** Records a batch: a CSV file's records a piece read at a time, an XLSX sheet's rows a thousand at a time. */
const XLSX_BATCH = 1000;

/**
 * The records of a claim file as the shared readers give them, numbered by the file's line (a sheet's row). A file
 * that is not text (CSV), not a workbook (XLSX) or lacks the sheet fails as a whole, with the reason.
 */
export async function* claimRecordBatches(body: Readable, fileName: string, format: "CSV" | "XLSX", delimiter: string, sheet: string | null): AsyncGenerator<CsvRead[]> {
  if (format === "CSV") {
    yield* csvRecordBatches(Readable.from(textOnly(body, fileName)), delimiter);
    return;
  }
  const sheets: string[] = [];
  let batch: CsvRead[] = [];
  let rows = 0;
  try {
    for await (const row of xlsxRows(body, sheet ?? undefined, sheets)) {
      rows++;
      batch.push(row);
      if (batch.length >= XLSX_BATCH) yield batch.splice(0);
    }
  } catch (err) {
    if (err instanceof IngestionFileError) throw err;
    throw new IngestionFileError(`${fileName}: the file is not an XLSX workbook that can be read (${(err as Error).message.slice(0, 120)})`);
  }
  if (sheet && !sheets.includes(sheet)) throw new IngestionFileError(`${fileName}: the workbook has no sheet named ${sheet} (its sheets: ${sheets.join(", ") || "none"})`);
  if (batch.length > 0) yield batch;
  if (rows === 0 && sheets.length === 0) throw new IngestionFileError(`${fileName}: the workbook has no sheets`);
}

/** A record's text as the file had it, for its rejection. */
export function rawOf(record: CsvRead, delimiter: string): string {
  return "values" in record ? record.values.join(delimiter) : record.raw;
}
