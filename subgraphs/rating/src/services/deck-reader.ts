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

/** Rows of a CSV stream as text cells, one at a time. */
export async function* csvRows(source: Readable, delimiter = ","): AsyncGenerator<string[]> {
  for await (const batch of csvRowBatches(source, delimiter)) yield* batch;
}

/**
 * Rows of a CSV stream, a batch per chunk read (no promise per row for million-row files). Lines without quotes
 * (most CDR lines) are split directly; a line with quotes goes through papaparse, joined with the next lines
 * while a quoted field spans a line break. Papaparse's own stream mode cost ~7 µs a row here, more than rating
 * the call.
 */
export async function* csvRowBatches(source: Readable, delimiter = ","): AsyncGenerator<string[][]> {
  let carry = "";
  let pending = "";
  let first = true;
  for await (const chunk of source) {
    const text = carry + (typeof chunk === "string" ? chunk : (chunk as Buffer).toString("utf8"));
    const lines = text.split("\n");
    carry = lines.pop()!;
    const batch: string[][] = [];
    for (const raw of lines) {
      const row = nextRow(raw);
      if (row) batch.push(row);
    }
    if (batch.length > 0) yield batch;
  }
  const last = [nextRow(carry), pending ? parseQuoted(pending, delimiter) : undefined].filter((row): row is string[] => !!row);
  if (last.length > 0) yield last;

  function nextRow(raw: string): string[] | undefined {
    let line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (first) {
      line = line.replace(/^\uFEFF/, "");
      first = false;
    }
    if (pending) {
      pending += "\n" + line;
      if (!balanced(pending)) return undefined;
      const joined = pending;
      pending = "";
      return parseQuoted(joined, delimiter);
    }
    if (line === "") return undefined;
    if (!line.includes('"')) return line.split(delimiter);
    if (!balanced(line)) {
      pending = line;
      return undefined;
    }
    return parseQuoted(line, delimiter);
  }
}

function balanced(text: string): boolean {
  let quotes = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) quotes++;
  return quotes % 2 === 0;
}

function parseQuoted(text: string, delimiter: string): string[] {
  return Papa.parse<string[]>(text, { delimiter }).data[0] ?? [];
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
