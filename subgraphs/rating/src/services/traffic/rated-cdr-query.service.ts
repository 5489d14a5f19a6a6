import type { DataSource, SelectQueryBuilder } from "typeorm";
import { decodeCursor, PartnerScope, type Page, type PageKey, type PageArgs, type Principal } from "@intersettle/shared";
import { IngestionJob, RatedCdr, TrafficHour } from "../../entities";

export interface RatedCdrFilter {
  partnerId?: string;
  jobId?: string;
  status?: string;
  from?: Date;
  to?: Date;
}

export interface TrafficFilter {
  partnerId?: string;
  role?: string;
  from?: Date;
  to?: Date;
}

const CALL_KEY: PageKey<RatedCdr>[] = [
  { column: "c.start_time", value: (c) => c.start },
  { column: "c.source_id", value: (c) => c.sourceId },
  { column: "c.call_id", value: (c) => c.callId },
];

/** Reads of rated calls and hourly traffic, each through the caller's partner scope. */
export class RatedCdrQueryService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Calls by start time, a page at a time on the time-ordered key. A partner's calls (or an operator's partner filter)
   * come off the partner's leg indexes: the next page's keys are the first of its customer calls merged with the first
   * of its vendor calls, so no page walks other partners' calls.
   */
  async ratedCdrs(principal: Principal, filter: RatedCdrFilter, page: PageArgs): Promise<Page<RatedCdr>> {
    const scope = PartnerScope.of(principal);
    const partnerId = scope.partnerFilter(filter.partnerId);
    const job = filter.jobId ? await this.dataSource.getRepository(IngestionJob).findOneBy({ id: filter.jobId }) : undefined;
    const narrow = (q: SelectQueryBuilder<RatedCdr>) => {
      // The job's span bounds its calls on the time-ordered key; an unknown job has none.
      if (filter.jobId) q.andWhere("c.job_id = :jobId AND c.start_time BETWEEN :first AND :last", { jobId: filter.jobId, first: job?.firstCallAt ?? new Date(0), last: job?.lastCallAt ?? new Date(0) });
      if (filter.status) q.andWhere("c.status = :status", { status: filter.status });
      if (filter.from) q.andWhere("c.start_time >= :from", { from: filter.from });
      if (filter.to) q.andWhere("c.start_time < :to", { to: filter.to });
      return q;
    };
    const q = narrow(this.dataSource.getRepository(RatedCdr).createQueryBuilder("c"));
    if (!partnerId) return scope.page(q, page, CALL_KEY);
    const count = narrow(this.dataSource.getRepository(RatedCdr).createQueryBuilder("c")).andWhere("(c.customer_id = :partnerId OR c.vendor_id = :partnerId)", { partnerId });
    const after = page.after ? decodeCursor(page.after, CALL_KEY.length) : undefined;
    const firstOfLeg = (column: string, excluding?: string) => {
      const sub = narrow(q.subQuery().select("c.start_time, c.source_id, c.call_id").from(RatedCdr, "c").where(`c.${column} = :partnerId`));
      if (excluding) sub.andWhere(`c.${excluding} IS DISTINCT FROM :partnerId`);
      if (after) sub.andWhere("(c.start_time, c.source_id, c.call_id) > (:after0, :after1, :after2)");
      return sub.orderBy("c.start_time").addOrderBy("c.source_id").addOrderBy("c.call_id").limit(page.first + 1).getQuery();
    };
    q.andWhere(`(c.start_time, c.source_id, c.call_id) IN (${firstOfLeg("customer_id")} UNION ALL ${firstOfLeg("vendor_id", "customer_id")})`, {
      partnerId,
      ...(after ? { after0: after[0], after1: after[1], after2: after[2] } : {}),
    });
    return scope.page(q, page, CALL_KEY, count);
  }

  traffic(principal: Principal, filter: TrafficFilter, page: PageArgs): Promise<Page<TrafficHour>> {
    const scope = PartnerScope.of(principal);
    const partnerId = scope.partnerFilter(filter.partnerId);
    const q = this.dataSource.getRepository(TrafficHour).createQueryBuilder("t");
    if (partnerId) q.andWhere("t.partner_id = :p", { p: partnerId });
    if (filter.role) q.andWhere("t.role = :role", { role: filter.role });
    if (filter.from) q.andWhere("t.hour >= :from", { from: filter.from });
    if (filter.to) q.andWhere("t.hour < :to", { to: filter.to });
    return scope.page(q, page, [
      { column: "t.hour", value: (t) => t.hour },
      { column: "t.partner_id", value: (t) => t.partnerId },
      { column: "t.role", value: (t) => t.role },
      { column: "t.destination", value: (t) => t.destination },
      { column: "t.currency", value: (t) => t.currency },
    ]);
  }
}
