import type { DataSource } from "typeorm";
import { fetchPage, PartnerScope, type Page, type PageArgs, type Principal } from "@intersettle/shared";
import { Statement, StatementLineEntity, StatementStatus } from "../../entities";

export interface StatementFilter {
  partnerId?: string;
  status?: StatementStatus;
  currency?: string;
  number?: string;
  /** Statements whose period starts at or after this instant… */
  periodFrom?: Date;
  /** …and before this one. */
  periodTo?: Date;
}

/** Reads of statements and their lines, each through the partner scope: a partner sees only its own. */
export class StatementQueries {
  constructor(private readonly dataSource: DataSource) {}

  statements(principal: Principal, filter: StatementFilter, page: PageArgs): Promise<Page<Statement>> {
    const scope = PartnerScope.of(principal);
    const partnerId = scope.partnerFilter(filter.partnerId);
    const q = this.dataSource.getRepository(Statement).createQueryBuilder("s");
    if (partnerId) q.andWhere("s.partner_id = :partnerId", { partnerId });
    if (filter.status) q.andWhere("s.status = :status", { status: filter.status });
    if (filter.currency) q.andWhere("s.currency = :currency", { currency: filter.currency });
    if (filter.number) q.andWhere("s.number = :number", { number: filter.number });
    if (filter.periodFrom) q.andWhere("s.period_start >= :from", { from: filter.periodFrom });
    if (filter.periodTo) q.andWhere("s.period_start < :to", { to: filter.periodTo });
    return scope.page(q, page, [{ column: "s.period_start", value: (s) => s.periodStart }, { column: "s.id", value: (s) => s.id }]);
  }

  statement(principal: Principal, id: string): Promise<Statement> {
    return PartnerScope.of(principal).one(this.dataSource.getRepository(Statement).createQueryBuilder("s").where("s.id = :id", { id }), "Statement", id);
  }

  /** A partner's statements of one period, every currency. */
  async ofPeriod(principal: Principal, partnerId: string, start: Date, end: Date): Promise<Statement[]> {
    const q = this.dataSource.getRepository(Statement).createQueryBuilder("s")
      .where("s.partner_id = :partnerId AND s.period_start = :start AND s.period_end = :end", { partnerId, start, end })
      .orderBy("s.currency");
    return PartnerScope.of(principal).restrict(q).getMany();
  }

  byIds(principal: Principal, ids: readonly string[]): Promise<Array<Statement | null>> {
    return PartnerScope.of(principal).byIds(this.dataSource, Statement, ids);
  }

  /** An admitted statement's lines, in order (lines are read through their statement only). */
  allLines(statementId: string): Promise<StatementLineEntity[]> {
    return this.dataSource.getRepository(StatementLineEntity).find({ where: { statementId }, order: { position: "ASC" } });
  }

  lines(statementId: string, page: PageArgs): Promise<Page<StatementLineEntity>> {
    const q = this.dataSource.getRepository(StatementLineEntity).createQueryBuilder("l").where("l.statement_id = :statementId", { statementId });
    return fetchPage(q, page, [{ column: "l.position", value: (l) => l.position }]);
  }
}
