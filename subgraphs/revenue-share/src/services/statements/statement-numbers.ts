import type { EntityManager } from "typeorm";

/** Revenue-share statements are numbered apart from invoices: RSS-2026-000001. */
export const STATEMENT_SERIES = "RSS";

/**
 * The next number of the series in a year. The counter row stays locked until the publishing transaction ends:
 * publishers take turns, and a rolled-back publication gives its number back, so there are no gaps.
 */
export async function nextStatementNumber(manager: EntityManager, year: number, series = STATEMENT_SERIES): Promise<string> {
  const [row] = await manager.query(
    `INSERT INTO revshare.statement_number (series, year, last_number) VALUES ($1, $2, 1)
     ON CONFLICT (series, year) DO UPDATE SET last_number = revshare.statement_number.last_number + 1
     RETURNING last_number`,
    [series, year],
  );
  return `${series}-${year}-${String(row.last_number).padStart(6, "0")}`;
}
