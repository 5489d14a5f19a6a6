import { Readable } from "node:stream";
import type { DataSource, SelectQueryBuilder } from "typeorm";
import { fetchPage, PartnerScope, type Page, type PageArgs, type Principal } from "@intersettle/shared";
import { mismatchedCallRecord, mismatchedCallsHeaderRecord, type MismatchedCall } from "../../domain";
import { CallComparisonStatus, Reconciliation, ReconciliationCallEntity, ReconciliationDestinationEntity } from "../../entities";

export interface ReconciliationFilter {
  partnerId?: string | null;
  /** The runs of one claim. */
  claimId?: string | null;
  /** Periods starting in [periodFrom, periodTo). */
  periodFrom?: Date | null;
  periodTo?: Date | null;
}

/** Rows of the evidence file fetched at a time: a claim that matches nothing still streams in constant memory. */
const CSV_BATCH = 5000;

/** Reads of reconciliations, each through the caller's partner scope; their calls and destinations through them. */
export class ReconciliationQueryService {
  constructor(private readonly dataSource: DataSource) {}

  list(principal: Principal, filter: ReconciliationFilter, page: PageArgs): Promise<Page<Reconciliation>> {
    const scope = PartnerScope.of(principal);
    const q = this.filtered(scope, filter);
    return scope.page(q, page, [
      { column: "r.started_at", value: (r) => r.startedAt },
      { column: "r.id", value: (r) => r.id },
    ]);
  }

  get(principal: Principal, id: string): Promise<Reconciliation> {
    return PartnerScope.of(principal).one(this.dataSource.getRepository(Reconciliation).createQueryBuilder("r").where("r.id = :id", { id }), "Reconciliation", id);
  }

  /** Per partner, side and period: the latest reconciliation (a re-run replaces the earlier one in the report). */
  latest(principal: Principal, filter: ReconciliationFilter): Promise<Reconciliation[]> {
    const scope = PartnerScope.of(principal);
    const q = this.filtered(scope, filter)
      .distinctOn(["r.partner_id", "r.side", "r.period_start"])
      .orderBy("r.partner_id").addOrderBy("r.side").addOrderBy("r.period_start").addOrderBy("r.started_at", "DESC").addOrderBy("r.id", "DESC");
    return scope.restrict(q).getMany();
  }

  /** The calls of an admitted reconciliation that are not MATCHED, in the order found. */
  calls(reconciliationId: string, status: CallComparisonStatus | null, page: PageArgs): Promise<Page<ReconciliationCallEntity>> {
    const q = this.dataSource.getRepository(ReconciliationCallEntity).createQueryBuilder("c").where("c.reconciliation_id = :reconciliationId", { reconciliationId });
    if (status) q.andWhere("c.status = :status", { status });
    return fetchPage(q, page, [{ column: "c.seq", value: (c) => c.seq }]);
  }

  /** In code-unit order of their names, as the comparison made them (not the database's collation). */
  async destinations(reconciliationId: string): Promise<ReconciliationDestinationEntity[]> {
    const rows = await this.dataSource.getRepository(ReconciliationDestinationEntity).find({ where: { reconciliationId } });
    return rows.sort((a, b) => (a.destination < b.destination ? -1 : a.destination > b.destination ? 1 : 0));
  }

  /** The mismatched-calls CSV of a reconciliation the caller may see (NOT_FOUND otherwise), streamed. */
  async mismatchedCallsCsv(principal: Principal, id: string): Promise<{ reconciliation: Reconciliation; body: Readable }> {
    const reconciliation = await this.get(principal, id);
    const repo = this.dataSource.getRepository(ReconciliationCallEntity);
    async function* records(): AsyncGenerator<string> {
      yield mismatchedCallsHeaderRecord();
      for (let after = 0; ; ) {
        const rows = await repo.createQueryBuilder("c").where("c.reconciliation_id = :id AND c.seq > :after", { id, after }).orderBy("c.seq").limit(CSV_BATCH).getMany();
        if (rows.length === 0) return;
        yield rows.map((r) => mismatchedCallRecord(r as MismatchedCall)).join("");
        after = rows[rows.length - 1].seq;
      }
    }
    return { reconciliation, body: Readable.from(records(), { objectMode: false }) };
  }

  private filtered(scope: PartnerScope, filter: ReconciliationFilter): SelectQueryBuilder<Reconciliation> {
    const partnerId = scope.partnerFilter(filter.partnerId);
    const q = this.dataSource.getRepository(Reconciliation).createQueryBuilder("r");
    if (partnerId) q.andWhere("r.partner_id = :partnerId", { partnerId });
    if (filter.claimId) q.andWhere("r.claim_id = :claimId", { claimId: filter.claimId });
    if (filter.periodFrom) q.andWhere("r.period_start >= :periodFrom", { periodFrom: filter.periodFrom });
    if (filter.periodTo) q.andWhere("r.period_start < :periodTo", { periodTo: filter.periodTo });
    return q;
  }
}
