import { In, type DataSource } from "typeorm";
import { BadUserInputError, NotFoundError, PartnerScope, type FileDownload, type Page, type PageArgs, type Principal } from "@intersettle/shared";
import { Dispute, DisputeAttachment, DisputeComment, type InvoiceSide } from "../../entities";
import { disputeAgeing, disputeSummary, type DisputeAgeingRow, type DisputeStatus, type DisputeSummaryRow, type ReportedDispute } from "../../domain";

export interface DisputeFilter {
  partnerId?: string | null;
  status?: DisputeStatus | null;
  side?: InvoiceSide | null;
}

const reported = (d: Dispute): ReportedDispute => ({ partnerId: d.partnerId, currency: d.currency, status: d.status, openedAt: d.openedAt, ourAmount: d.ourAmount, theirAmount: d.theirAmount, settled: d.resolution ? d.agreedAmount : null });

function byDispute<T extends { disputeId: string }>(ids: readonly string[], rows: T[]): T[][] {
  const lists = new Map(ids.map((id) => [id, [] as T[]]));
  for (const row of rows) lists.get(row.disputeId)?.push(row);
  return ids.map((id) => lists.get(id)!);
}

/** Reads of disputes, their comments and files, and the reports over them; a partner sees only its own. */
export class DisputeQueryService {
  constructor(private readonly dataSource: DataSource) {}

  disputes(principal: Principal, filter: DisputeFilter, page: PageArgs): Promise<Page<Dispute>> {
    const scope = PartnerScope.of(principal);
    const partnerId = scope.partnerFilter(filter.partnerId);
    const q = this.dataSource.getRepository(Dispute).createQueryBuilder("d");
    if (partnerId) q.andWhere("d.partner_id = :partnerId", { partnerId });
    if (filter.status) q.andWhere("d.status = :status", { status: filter.status });
    if (filter.side) q.andWhere("d.side = :side", { side: filter.side });
    return scope.page(q, page, [{ column: "d.id", value: (d) => d.id }]);
  }

  dispute(principal: Principal, id: string): Promise<Dispute> {
    return PartnerScope.of(principal).one(this.dataSource.getRepository(Dispute).createQueryBuilder("d").where("d.id = :id", { id }), "Dispute", id);
  }

  /** Admitted disputes' comments, oldest first, a list per dispute id in the order asked (read through the disputes only). */
  async commentsOf(disputeIds: readonly string[]): Promise<DisputeComment[][]> {
    const rows = await this.dataSource.getRepository(DisputeComment).find({ where: { disputeId: In([...disputeIds]) }, order: { createdAt: "ASC", id: "ASC" } });
    return byDispute(disputeIds, rows);
  }

  /** Admitted disputes' files (without their bytes), oldest first, a list per dispute id. */
  async attachmentsOf(disputeIds: readonly string[]): Promise<DisputeAttachment[][]> {
    const rows = await this.dataSource.getRepository(DisputeAttachment).find({ where: { disputeId: In([...disputeIds]) }, order: { createdAt: "ASC", id: "ASC" } });
    return byDispute(disputeIds, rows);
  }

  /** An attachment's bytes, if the caller may see its dispute; otherwise NOT_FOUND, as for one that does not exist. */
  async attachmentFile(principal: Principal, id: string): Promise<FileDownload> {
    const file = await this.dataSource.getRepository(DisputeAttachment).createQueryBuilder("a").addSelect("a.content").where("a.id = :id", { id }).getOne();
    if (!file) throw new NotFoundError("DisputeAttachment", id);
    try {
      await this.dispute(principal, file.disputeId);
    } catch (err) {
      if (err instanceof NotFoundError) throw new NotFoundError("DisputeAttachment", id);
      throw err;
    }
    return { filename: file.fileName, contentType: file.contentType, body: file.content };
  }

  /** Disputes of periods starting in [from, to): disputed, recovered and written-off amounts per partner and currency. */
  async summary(principal: Principal, from: Date, to: Date, partnerId?: string | null): Promise<DisputeSummaryRow[]> {
    if (!(from < to)) throw new BadUserInputError([{ field: "periodTo", message: "must be after periodFrom" }]);
    const q = this.scoped(principal, partnerId).andWhere("d.period_start >= :from AND d.period_start < :to", { from, to });
    return disputeSummary((await q.getMany()).map(reported));
  }

  /** Unresolved disputes by age at `asOf`, per partner and currency. */
  async ageing(principal: Principal, asOf: Date, partnerId?: string | null): Promise<DisputeAgeingRow[]> {
    const q = this.scoped(principal, partnerId).andWhere("d.status IN ('OPEN', 'SUBMITTED', 'IN_REVIEW')");
    return disputeAgeing((await q.getMany()).map(reported), asOf);
  }

  private scoped(principal: Principal, requested?: string | null) {
    const scope = PartnerScope.of(principal);
    const partnerId = scope.partnerFilter(requested);
    const q = this.dataSource.getRepository(Dispute).createQueryBuilder("d");
    if (partnerId) q.andWhere("d.partner_id = :partnerId", { partnerId });
    return scope.restrict(q);
  }
}
