import type { Readable } from "node:stream";
import { DeckFileFormat } from "../../entities";
import { csvRecords, xlsxRows, type CsvRead } from "@intersettle/shared";

/**
 * Rows of a deck file as text cells with their line (sheet row), streamed: CSV through the hub's one CSV reader
 * (a record it cannot delimit comes as an UnreadableRecord), XLSX (first sheet) through the shared sheet reader.
 */
export async function* deckRows(source: Readable, format: DeckFileFormat, delimiter = ","): AsyncGenerator<CsvRead> {
  if (format === DeckFileFormat.XLSX) {
    yield* xlsxRows(source);
    return;
  }
  yield* csvRecords(source, delimiter);
}
