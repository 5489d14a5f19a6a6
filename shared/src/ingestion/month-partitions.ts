import { withAdvisoryLock } from "../db";

/**
 * Names and bounds of a high-volume table's monthly partitions (rated_cdr, content_transaction). Bounds are
 * written with the year in full (four digits at least, "BC" before year 1): PostgreSQL reads a year of one or two
 * digits as 19xx/20xx, so a partition for year 1 written as '1-02-01' would end in 2001 and take every later month.
 */
export interface MonthPartition {
  /** Table name within the partitioned table's schema: the table's name, the year and the month. */
  name: string;
  /** timestamptz literals: the first instant of the month, and of the next one (exclusive). */
  from: string;
  to: string;
}

/** The month (UTC) an instant falls in, as its partition key: "2026-11", "0001-01", "-0004-03" (5 BC, astronomical year -4). */
export function monthKey(ms: number): string {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  return `${year < 0 ? "-" : ""}${String(Math.abs(year)).padStart(4, "0")}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The partition of `table` (unqualified) holding a month given as its key; a key that is not one throws rather than guessing bounds. */
export function monthPartition(table: string, key: string): MonthPartition {
  const match = /^(-?\d{4,6})-(\d{2})$/.exec(key);
  const year = match ? Number(match[1]) : NaN;
  const month = match ? Number(match[2]) : NaN;
  if (!Number.isInteger(year) || !(month >= 1 && month <= 12) || year < MIN_YEAR || year > MAX_YEAR) throw new RangeError(`no partition for month "${key}"`);
  const nextYear = month === 12 ? year + 1 : year;
  const nextMonth = month === 12 ? 1 : month + 1;
  const yearName = year > 0 ? String(year).padStart(4, "0") : `bc${String(1 - year).padStart(4, "0")}`;
  return { name: `${table}_${yearName}_${String(month).padStart(2, "0")}`, from: monthStart(year, month), to: monthStart(nextYear, nextMonth) };
}

/** Astronomical year 0 is 1 BC. */
function monthStart(year: number, month: number): string {
  const era = year > 0 ? "" : " BC";
  return `${String(year > 0 ? year : 1 - year).padStart(4, "0")}-${String(month).padStart(2, "0")}-01 00:00:00+00${era}`;
}

/** PostgreSQL's timestamptz runs from 4713 BC to 294276 AD; the last month is left out so its end is representable. */
const MIN_YEAR = -4712;
const MAX_YEAR = 294275;

const created = new Set<string>();

/** Monthly partitions of `table` ("schema.table"), created on first use (concurrent creators take turns). */
export async function ensureMonthPartitions(url: string, table: string, months: Iterable<string>): Promise<void> {
  const missing = [...months].filter((m) => !created.has(`${url}|${table}|${m}`));
  if (missing.length === 0) return;
  const [schema, name] = table.split(".");
  await withAdvisoryLock(url, `${name}_partitions`, async (client) => {
    for (const month of missing) {
      const { name: partition, from, to } = monthPartition(name, month);
      await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.${partition} PARTITION OF ${table} FOR VALUES FROM ('${from}') TO ('${to}')`);
      created.add(`${url}|${table}|${month}`);
    }
  });
}
