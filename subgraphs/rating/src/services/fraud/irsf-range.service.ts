import type { DataSource } from "typeorm";
import { assertNoProblems, AuditedEntity, BadUserInputError, fetchPage, type FieldProblem, type Page, type PageArgs, type Principal } from "@intersettle/shared";
import { ratingAudit } from "../audit-trail";
import { eachCsvRecord } from "@intersettle/shared";
import { IrsfRangeEntity } from "../../entities";
import { irsfRangeFrom, MAX_IRSF_RANGES, type IrsfRange } from "../../domain/fraud/irsf-ranges";

export interface IrsfImport {
  /** Rows of the file stored. */
  imported: number;
  /** Ranges on the list after the import. */
  ranges: number;
  version: number;
}

/**
 * The IRSF range list: imported from CSV (`prefix,name,note`, a header naming the columns), replacing the list or adding
 * to it. Ingestion takes a copy per job, reloaded only when an import changed the list's version.
 */
export class IrsfRangeService {
  private cached?: { version: string; ranges: IrsfRange[] };

  constructor(private readonly dataSource: DataSource) {}

  async importCsv(principal: Principal, csv: string, replace: boolean): Promise<IrsfImport> {
    const ranges = parseIrsfCsv(csv);
    return this.dataSource.transaction(async (manager) => {
      const [before] = (await manager.query(`SELECT version::int, ranges FROM rating.irsf_list WHERE id = 1 FOR UPDATE`)) as Array<{ version: number; ranges: number }>;
      if (replace) await manager.query(`DELETE FROM rating.irsf_range`);
      for (let i = 0; i < ranges.length; i += 10_000) {
        const part = ranges.slice(i, i + 10_000);
        await manager.query(
          `INSERT INTO rating.irsf_range (prefix, name, note) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
           ON CONFLICT (prefix) DO UPDATE SET name = EXCLUDED.name, note = EXCLUDED.note, imported_at = now()`,
          [part.map((r) => r.prefix), part.map((r) => r.name), part.map((r) => r.note)],
        );
      }
      const [after] = (await manager.query(
        `INSERT INTO rating.irsf_list (id, version, ranges, imported_at) VALUES (1, 1, (SELECT count(*) FROM rating.irsf_range), now())
         ON CONFLICT (id) DO UPDATE SET version = rating.irsf_list.version + 1, ranges = EXCLUDED.ranges, imported_at = now()
         RETURNING version::int, ranges`,
      )) as Array<{ version: number; ranges: number }>;
      if (after.ranges > MAX_IRSF_RANGES) throw new BadUserInputError([{ field: "csv", message: `the list would hold ${after.ranges} ranges; at most ${MAX_IRSF_RANGES}` }]);
      // One entry per import: the list is re-importable from its file.
      await ratingAudit.record(manager, principal, {
        entityType: AuditedEntity.IRSF_RANGES, entityId: "irsf-ranges", partnerId: null, action: "irsf_ranges.imported",
        before: before ? { version: before.version, ranges: before.ranges } : null,
        after: { version: after.version, ranges: after.ranges, imported: ranges.length, replaced: replace },
      });
      return { imported: ranges.length, ranges: after.ranges, version: after.version };
    });
  }

  list(prefix: string | undefined, page: PageArgs): Promise<Page<IrsfRangeEntity>> {
    const q = this.dataSource.getRepository(IrsfRangeEntity).createQueryBuilder("r");
    if (prefix) q.andWhere("r.prefix LIKE :p", { p: `${prefix.replace(/[^0-9]/g, "")}%` });
    return fetchPage(q, page, [{ column: "r.prefix", value: (r) => r.prefix }]);
  }

  /** The list as it is now: read again only after an import (by any process) moved its version. */
  async current(): Promise<IrsfRange[]> {
    const [list] = (await this.dataSource.query(`SELECT version::text FROM rating.irsf_list WHERE id = 1`)) as Array<{ version: string }>;
    const version = list?.version ?? "0";
    if (this.cached?.version !== version) {
      const ranges = version === "0" ? [] : ((await this.dataSource.query(`SELECT prefix, name, note FROM rating.irsf_range`)) as IrsfRange[]);
      this.cached = { version, ranges };
    }
    return this.cached.ranges;
  }
}

/** Every row of an IRSF CSV as a range; all rows are checked before any is stored, and a prefix listed twice is refused. */
export function parseIrsfCsv(csv: string): IrsfRange[] {
  const records: Array<[values: string[], line: number]> = [];
  const problems: FieldProblem[] = [];
  eachCsvRecord(csv, ",", { onRecord: (values, line) => records.push([values, line]), onUnreadable: ({ line, reason }) => problems.push({ field: `line ${line}: record`, message: reason }) });
  const [header = [], headerLine = 1] = records.shift() ?? [];
  const columns = header.map((h) => h.trim().toLowerCase());
  if (!columns.includes("prefix")) throw new BadUserInputError([...problems, { field: `line ${headerLine}: prefix`, message: "required column is missing (header: prefix,name,note)" }]);
  if (records.length > MAX_IRSF_RANGES) throw new BadUserInputError([{ field: "csv", message: `has ${records.length} rows; at most ${MAX_IRSF_RANGES}` }]);
  const cell = (values: string[], name: string) => (columns.includes(name) ? values[columns.indexOf(name)] : undefined);
  const seen = new Map<string, number>();
  const ranges: IrsfRange[] = [];
  for (const [values, line] of records) {
    if (values.every((v) => v.trim() === "")) continue;
    const { range, problems: rowProblems } = irsfRangeFrom({ prefix: cell(values, "prefix"), name: cell(values, "name"), note: cell(values, "note") }, line);
    problems.push(...rowProblems);
    if (!range) continue;
    const first = seen.get(range.prefix);
    if (first !== undefined) problems.push({ field: `line ${line}: prefix`, message: `${range.prefix} is listed on line ${first} already` });
    seen.set(range.prefix, line);
    ranges.push(range);
  }
  assertNoProblems(problems);
  return ranges;
}
