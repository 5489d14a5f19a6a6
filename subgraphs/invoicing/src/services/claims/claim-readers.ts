import { IngestionFileError, resolveCdrColumns, type CdrColumnIndex, type CdrLayout, type CdrSourceRules, type CsvRead } from "@intersettle/shared";
import { readClaimedCall, readClaimedLine, resolveClaimColumns, type ClaimColumnIndex, type ClaimLayout, type ClaimPeriod } from "../../domain";
import type { ClaimRows } from "./claim-rows";
import { rawOf } from "./claim-records";

/** What a claim file held: read = accepted + duplicate + rejected. */
export interface ClaimCounts {
  read: number;
  accepted: number;
  duplicate: number;
  rejected: number;
}

/**
 * An invoice's summary lines through its layout: rows above the header row are skipped (a letterhead), the header
 * names the columns, every row after it is a line taken or rejected with its field and reason.
 */
export async function readInvoiceClaim(batches: AsyncIterable<CsvRead[]>, layout: ClaimLayout, currency: string, rows: ClaimRows, fileName: string): Promise<ClaimCounts> {
  const counts: ClaimCounts = { read: 0, accepted: 0, duplicate: 0, rejected: 0 };
  const delimiter = layout.format === "CSV" ? layout.delimiter : ",";
  let columns: ClaimColumnIndex | undefined = layout.headerRow === 0 ? resolveClaimColumns(layout).columns : undefined;
  for await (const batch of batches) {
    for (const record of batch) {
      if (record.line < layout.headerRow) continue;
      if (!columns) columns = headerColumns(record, layout, fileName);
      if (record.line === layout.headerRow) continue;
      counts.read++;
      const { claimed, problem } = "values" in record ? readClaimedLine(record.values, record.line, columns, layout.decimalComma, currency) : { problem: { field: "record", reason: record.reason } };
      if (claimed) {
        counts.accepted++;
        await rows.line(claimed);
      } else {
        counts.rejected++;
        await rows.rejection(record.line, problem!, rawOf(record, delimiter));
      }
    }
  }
  if (!columns && layout.headerRow > 0) throw new IngestionFileError(`${fileName}: line ${layout.headerRow}: the header row is missing (the file has fewer rows)`);
  await rows.finish();
  return counts;
}

/** The header row's columns; a header that is not where the layout says, or lacks a column, fails the file naming its line. */
function headerColumns(record: CsvRead, layout: ClaimLayout, fileName: string): ClaimColumnIndex {
  if (record.line !== layout.headerRow) throw new IngestionFileError(`${fileName}: line ${layout.headerRow}: the header row is blank; the layout says the column names are there`);
  if (!("values" in record)) throw new IngestionFileError(`${fileName}: line ${record.line}: the header cannot be read: ${record.reason}`);
  const { columns, missing } = resolveClaimColumns(layout, record.values);
  if (missing.length > 0) throw new IngestionFileError(`${fileName}: line ${record.line}: the header lacks ${missing.join(", ")}`);
  return columns;
}

/**
 * A CDR file's calls through the hub's one CDR parser: a call whose id (or, without ids, whole record) came earlier
 * in the file is a duplicate; a call outside the claim's period is rejected with field "start".
 */
export async function readCdrClaim(batches: AsyncIterable<CsvRead[]>, layout: CdrLayout, rules: CdrSourceRules, period: ClaimPeriod, rows: ClaimRows, fileName: string): Promise<ClaimCounts> {
  const counts: ClaimCounts = { read: 0, accepted: 0, duplicate: 0, rejected: 0 };
  let columns: CdrColumnIndex | undefined = layout.header ? undefined : resolveCdrColumns(layout).columns;
  for await (const batch of batches) {
    for (const record of batch) {
      if (!columns) {
        if (!("values" in record)) throw new IngestionFileError(`${fileName}: line ${record.line}: the header cannot be read: ${record.reason}`);
        const resolved = resolveCdrColumns(layout, record.values);
        if (resolved.missing.length > 0) throw new IngestionFileError(`${fileName}: line ${record.line}: the header lacks ${resolved.missing.join(", ")}`);
        columns = resolved.columns;
        continue;
      }
      counts.read++;
      const { claimed, problem } = "values" in record ? readClaimedCall(record.values, record.line, columns, layout, rules, period) : { problem: { field: "record", reason: record.reason } };
      if (!claimed) {
        counts.rejected++;
        await rows.rejection(record.line, problem!, rawOf(record, layout.delimiter));
      } else {
        counts.accepted++;
        await rows.call(claimed.call, claimed.key);
      }
    }
  }
  if (!columns) throw new IngestionFileError(`${fileName}: the file is empty; it needs a header row naming its columns`);
  // Duplicates are known once every call is in: the first of each id (or content) is the one kept.
  const { duplicates } = await rows.finish();
  return { ...counts, accepted: counts.accepted - duplicates, duplicate: duplicates };
}
