/** One line of PostgreSQL COPY text format; null becomes \N and special characters are escaped. */
export function copyLine(values: Array<string | number | null>): string {
  return values.map((v) => (v === null ? "\\N" : String(v).replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!))).join("\t") + "\n";
}
