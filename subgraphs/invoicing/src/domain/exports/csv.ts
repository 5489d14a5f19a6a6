// CSV as RFC 4180 describes it (https://www.rfc-editor.org/rfc/rfc4180): records end in CRLF, a field holding the
// delimiter, a double quote or a line break is enclosed in double quotes, and a quote inside is doubled. Sage 50's
// import reads one record a line, ended by a carriage return, with quotes around a unit that holds a comma
// (Sage Line 50 import help, "Comma Separated Values"); Xero's template is a plain comma-separated file.
import { Decimal } from "@intersettle/shared";

export const CSV_LINE_END = "\r\n";

/** One field, quoted only when it has to be, so that an importer that ignores quoting still reads plain values. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The file: the header record, then one record per row, every record ended by CRLF. */
export function csvText(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((record) => {
    if (record.length !== header.length) throw new RangeError(`a record of ${record.length} fields under a header of ${header.length}`);
    return record.map(csvField).join(",") + CSV_LINE_END;
  }).join("");
}

/** A decimal as the importers read it: no exponent, no thousands separator, a point before the fraction, no "-0". */
export function plainDecimal(amount: Decimal, decimals?: number): string {
  const text = decimals === undefined ? amount.toFixed() : amount.toFixed(decimals);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** A local YYYY-MM-DD date written day first, DD/MM/YYYY. */
export function dayMonthYear(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${day}/${month}/${year}`;
}

/** A local YYYY-MM-DD date written month first, MM/DD/YYYY. */
export function monthDayYear(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${month}/${day}/${year}`;
}
