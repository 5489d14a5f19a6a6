import type { FieldProblem } from "@intersettle/shared";

/** The columns a partner's invoice may have; rate and currency are optional (absent: the claim's currency). */
export const CLAIM_COLUMNS = ["destination", "calls", "minutes", "rate", "amount", "currency"] as const;
export type ClaimColumn = (typeof CLAIM_COLUMNS)[number];
export const REQUIRED_CLAIM_COLUMNS: readonly ClaimColumn[] = ["destination", "calls", "minutes", "amount"];

export type ClaimFileFormat = "CSV" | "XLSX";

/**
 * How one partner writes its invoice. `headerRow`: the 1-based row holding the column names (rows above it, such as
 * a letterhead, are skipped); 0 when the file has none, and then every column is a 0-based index.
 */
export interface ClaimLayout {
  format: ClaimFileFormat;
  delimiter: string;
  headerRow: number;
  /** XLSX: the sheet's name; absent, the first sheet. */
  sheet: string | null;
  /** 1.234,56 rather than 1,234.56. */
  decimalComma: boolean;
  /** Column → header name or 0-based index. */
  columns: Partial<Record<ClaimColumn, string | number>>;
}

export type ClaimColumnIndex = Partial<Record<ClaimColumn, number>>;

/** What is wrong with a layout, field by field (empty when it can be used). */
export function claimLayoutProblems(layout: ClaimLayout): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (layout.format === "CSV" && [...layout.delimiter].length !== 1) problems.push({ field: "delimiter", message: "must be one character" });
  if (!Number.isInteger(layout.headerRow) || layout.headerRow < 0 || layout.headerRow > 1000) problems.push({ field: "headerRow", message: "must be a row number from 0 (no header) to 1000" });
  if (layout.sheet !== null && layout.format !== "XLSX") problems.push({ field: "sheet", message: "applies to XLSX layouts only" });
  for (const [key, column] of Object.entries(layout.columns)) {
    const field = `columns.${key}`;
    if (!CLAIM_COLUMNS.includes(key as ClaimColumn)) problems.push({ field, message: `is not a claim column (${CLAIM_COLUMNS.join(", ")})` });
    else if (typeof column === "number" ? !Number.isInteger(column) || column < 0 || column > 1000 : typeof column !== "string" || !column.trim()) problems.push({ field, message: "must be a header name or a 0-based column index" });
    else if (typeof column === "string" && layout.headerRow === 0) problems.push({ field, message: "names a header, but the layout has no header row (headerRow 0): give a 0-based index" });
  }
  for (const required of REQUIRED_CLAIM_COLUMNS) if (layout.columns[required] === undefined) problems.push({ field: `columns.${required}`, message: "is required" });
  return problems;
}

/** Column positions from the layout and the header row's names (compared trimmed, case-insensitive); `missing` names the columns not found. */
export function resolveClaimColumns(layout: ClaimLayout, header: string[] = []): { columns: ClaimColumnIndex; missing: string[] } {
  const positions = new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
  const columns: ClaimColumnIndex = {};
  const missing: string[] = [];
  for (const [key, column] of Object.entries(layout.columns) as Array<[ClaimColumn, string | number]>) {
    const at = typeof column === "number" ? column : positions.get(column.trim().toLowerCase());
    if (at === undefined) missing.push(`${key} (header "${column}")`);
    else columns[key] = at;
  }
  return { columns, missing };
}
