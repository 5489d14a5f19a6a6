import type { DataSource } from "typeorm";
import { assertNoProblems, AuditedEntity, BadUserInputError, fetchPage, type FieldProblem, type Page, type PageArgs, type Principal } from "@intersettle/shared";
import { ratingAudit } from "../audit-trail";
import { eachCsvRecord } from "@intersettle/shared";
import { Destination, DestinationType } from "../../entities";
import { dialledDigits } from "@intersettle/shared";

/** The destination catalogue: prefix → country, operator, region and type, used to label rated traffic. */
export class DestinationService {
  constructor(private readonly dataSource: DataSource) {}

  /** CSV with a header `prefix,country,operator,region,type`; all rows are checked before any is stored. */
  async importCsv(principal: Principal, csv: string): Promise<number> {
    const records: Array<[values: string[], line: number]> = [];
    const unreadable: FieldProblem[] = [];
    eachCsvRecord(csv, ",", { onRecord: (values, line) => records.push([values.map((v) => v.trim()), line]), onUnreadable: ({ line, reason }) => unreadable.push({ field: `line ${line}: record`, message: reason }) });
    const [header = [], headerLine = 1] = records.shift() ?? [];
    const columns = header.map((h) => h.toLowerCase());
    const missing = ["prefix", "country", "type"].filter((c) => !columns.includes(c));
    if (missing.length) throw new BadUserInputError([...unreadable, ...missing.map((m) => ({ field: `line ${headerLine}: ${m}`, message: "required column is missing" }))]);
    const cell = (values: string[], name: string) => values[columns.indexOf(name)] ?? "";
    const problems: FieldProblem[] = [...unreadable];
    const rows = records.filter(([values]) => values.some((v) => v !== "")).map(([values, line]) => {
      const at = `line ${line}: `;
      const prefix = cell(values, "prefix");
      const country = cell(values, "country");
      const type = cell(values, "type").toUpperCase() as DestinationType;
      if (!/^\d{1,20}$/.test(prefix)) problems.push({ field: `${at}prefix`, message: `'${prefix}' must be 1-20 digits` });
      if (!country) problems.push({ field: `${at}country`, message: "is required" });
      if (!Object.values(DestinationType).includes(type)) problems.push({ field: `${at}type`, message: `'${cell(values, "type")}' must be one of ${Object.values(DestinationType).join(", ")}` });
      return { prefix, country, operator: cell(values, "operator") || null, region: cell(values, "region") || null, type };
    });
    assertNoProblems(problems);
    await this.dataSource.transaction(async (m) => {
      for (let i = 0; i < rows.length; i += 1000) {
        await m.createQueryBuilder().insert().into(Destination).values(rows.slice(i, i + 1000)).orUpdate(["country", "operator", "region", "type"], ["prefix"]).execute();
      }
      // One entry per import: a catalogue file holds thousands of prefixes, each re-importable from the file.
      const prefixes = rows.map((r) => r.prefix).sort();
      await ratingAudit.record(m, principal, { entityType: AuditedEntity.DESTINATION, entityId: "catalogue", partnerId: null, action: "destinations.imported", before: null, after: { rows: rows.length, firstPrefix: prefixes[0] ?? null, lastPrefix: prefixes.at(-1) ?? null } });
    });
    return rows.length;
  }

  list(search: string | undefined, page: PageArgs): Promise<Page<Destination>> {
    const q = this.dataSource.getRepository(Destination).createQueryBuilder("d");
    if (search) q.andWhere("(d.prefix LIKE :p OR d.country ILIKE :s OR d.operator ILIKE :s)", { p: `${search}%`, s: `%${search}%` });
    return fetchPage(q, page, [{ column: "d.prefix", value: (d) => d.prefix }]);
  }

  /** The catalogue entry with the longest prefix of the number. */
  async forNumber(number: string): Promise<Destination | null> {
    const digits = dialledDigits(number);
    if (!digits) return null;
    return this.dataSource
      .getRepository(Destination)
      .createQueryBuilder("d")
      .where(":digits LIKE d.prefix || '%'", { digits })
      .orderBy("length(d.prefix)", "DESC")
      .limit(1)
      .getOne();
  }
}
