import type { DataSource } from "typeorm";
import { assertNoProblems, AuditedEntity, BadUserInputError, currencyProblem, Decimal, fetchPage, isDecimalText, isIsoDate, newId, type FieldProblem, type Page, type PageArgs, type Principal } from "@intersettle/shared";
import { ExchangeRate } from "../../entities";
import { convertAmount, FxHistory, type ExchangeRateRecord, type FxLookup } from "@intersettle/shared";
import { ratingAudit } from "../audit-trail";
import { eachCsvRecord } from "@intersettle/shared";


export interface ExchangeRateFields {
  base: string;
  quote: string;
  rate: Decimal;
  effectiveDate: string;
}

/** Exchange rates by effective date, and the one conversion helper every part of the hub uses. */
export class FxService {
  constructor(private readonly dataSource: DataSource, readonly hubCurrency: string) {}

  async set(principal: Principal, fields: ExchangeRateFields): Promise<ExchangeRate> {
    assertNoProblems(exchangeRateProblems(fields, ""));
    await this.upsert(principal, [fields]);
    return (await this.dataSource.getRepository(ExchangeRate).findOneBy({ base: fields.base, quote: fields.quote, effectiveDate: fields.effectiveDate }))!;
  }

  /** CSV with a header `base,quote,rate,effective_date`; all rows are checked before any is stored. */
  async importCsv(principal: Principal, csv: string): Promise<number> {
    const records: Array<[values: string[], line: number]> = [];
    const unreadable: FieldProblem[] = [];
    eachCsvRecord(csv, ",", { onRecord: (values, line) => records.push([values.map((v) => v.trim()), line]), onUnreadable: ({ line, reason }) => unreadable.push({ field: `line ${line}: record`, message: reason }) });
    const [header = [], headerLine = 1] = records.shift() ?? [];
    const columns = header.map((h) => h.toLowerCase());
    const at = (name: string) => columns.indexOf(name);
    const missing = ["base", "quote", "rate", "effective_date"].filter((n) => at(n) < 0);
    if (missing.length) throw new BadUserInputError([...unreadable, ...missing.map((m) => ({ field: `line ${headerLine}: ${m}`, message: "required column is missing" }))]);
    const problems: FieldProblem[] = [...unreadable];
    const rows = records.filter(([cells]) => cells.some((c) => c !== "")).map(([cells, line]) => {
      const raw = cells[at("rate")] ?? "";
      const fields = { base: cells[at("base")]?.toUpperCase() ?? "", quote: cells[at("quote")]?.toUpperCase() ?? "", rate: isDecimalText(raw) ? new Decimal(raw) : new Decimal(-1), effectiveDate: cells[at("effective_date")] ?? "" };
      problems.push(...exchangeRateProblems(fields, `line ${line}: `));
      return fields;
    });
    assertNoProblems(problems);
    await this.upsert(principal, rows);
    return rows.length;
  }

  list(filter: { base?: string; quote?: string }, page: PageArgs): Promise<Page<ExchangeRate>> {
    const q = this.dataSource.getRepository(ExchangeRate).createQueryBuilder("x");
    if (filter.base) q.andWhere("x.base = :base", { base: filter.base });
    if (filter.quote) q.andWhere("x.quote = :quote", { quote: filter.quote });
    return fetchPage(q, page, [{ column: "x.id", value: (x) => x.id }]);
  }

  /** Converts with the rates in force on `date` (YYYY-MM-DD); undefined when no rate path exists. */
  async convert(amount: Decimal, from: string, to: string, date: string): Promise<Decimal | undefined> {
    return convertAmount(amount, from, to, await this.lookupOn(date), this.hubCurrency);
  }

  /** A synchronous lookup over every pair's latest rate on `date`, for converting many amounts at once. */
  async lookupOn(date: string): Promise<FxLookup> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ON (base, quote) base, quote, rate FROM rating.exchange_rate WHERE effective_date <= $1 ORDER BY base, quote, effective_date DESC`,
      [date],
    )) as Array<{ base: string; quote: string; rate: string }>;
    const rates = new Map(rows.map((r) => [`${r.base}/${r.quote}`, new Decimal(r.rate)]));
    return (base, quote) => rates.get(`${base}/${quote}`);
  }

  /** Every stored rate, for rating a file's calls whatever days they fall on. */
  async history(): Promise<FxHistory> {
    return new FxHistory(await this.records());
  }

  records(): Promise<ExchangeRateRecord[]> {
    return this.dataSource.query(`SELECT base, quote, rate::text AS rate, to_char(effective_date, 'YYYY-MM-DD') AS "effectiveDate" FROM rating.exchange_rate`);
  }

  /** Stores each rate (a new date, or a correction of one) and audits it with the rate it replaced, in one transaction. */
  private async upsert(principal: Principal, rows: ExchangeRateFields[]): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      for (const r of rows) {
        const [stored] = (await m.query(
          `WITH previous AS (SELECT rate::text FROM rating.exchange_rate WHERE base = $2 AND quote = $3 AND effective_date = $5)
           INSERT INTO rating.exchange_rate (id, base, quote, rate, effective_date) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (base, quote, effective_date) DO UPDATE SET rate = EXCLUDED.rate
           RETURNING id, (SELECT rate FROM previous) AS previous`,
          [newId(), r.base, r.quote, r.rate.toFixed(), r.effectiveDate],
        )) as Array<{ id: string; previous: string | null }>;
        const pair = { base: r.base, quote: r.quote, effectiveDate: r.effectiveDate };
        await ratingAudit.record(m, principal, {
          entityType: AuditedEntity.EXCHANGE_RATE,
          entityId: stored.id,
          partnerId: null,
          action: stored.previous === null ? "exchange_rate.set" : "exchange_rate.corrected",
          before: stored.previous === null ? null : { ...pair, rate: stored.previous },
          after: { ...pair, rate: r.rate.toFixed() },
        });
      }
    });
  }
}

function exchangeRateProblems(r: ExchangeRateFields, at: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ["base", "quote"] as const) {
    const problem = currencyProblem(r[field]);
    if (problem) problems.push({ field: `${at}${field}`, message: problem });
  }
  if (r.base === r.quote) problems.push({ field: `${at}quote`, message: "must differ from base" });
  if (!r.rate.greaterThan(0)) problems.push({ field: `${at}rate`, message: "must be a positive decimal number" });
  if (!isIsoDate(r.effectiveDate)) problems.push({ field: `${at}effectiveDate`, message: `'${r.effectiveDate}' is not a date (YYYY-MM-DD)` });
  return problems;
}
