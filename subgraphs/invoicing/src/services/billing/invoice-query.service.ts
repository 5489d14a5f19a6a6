import type { DataSource } from "typeorm";
import { fetchPage, PartnerScope, type Page, type PageArgs, type Principal } from "@intersettle/shared";
import { BillingRun, DocumentKind, Invoice, InvoiceLineEntity, InvoiceSide, InvoiceStatus } from "../../entities";

export interface InvoiceFilter {
  partnerId?: string;
  side?: InvoiceSide;
  kind?: DocumentKind;
  status?: InvoiceStatus;
  number?: string;
  /** Documents whose period starts at or after this instant. */
  periodFrom?: Date;
  /** …and before this one. */
  periodTo?: Date;
}

/** Reads of invoices, notes, lines and billing runs, each through the partner scope: a partner sees only its own. */
export class InvoiceQueryService {
  constructor(private readonly dataSource: DataSource) {}

  invoices(principal: Principal, filter: InvoiceFilter, page: PageArgs): Promise<Page<Invoice>> {
    const scope = PartnerScope.of(principal);
    const partnerId = scope.partnerFilter(filter.partnerId);
    const q = this.dataSource.getRepository(Invoice).createQueryBuilder("i");
    if (partnerId) q.andWhere("i.partner_id = :partnerId", { partnerId });
    if (filter.side) q.andWhere("i.side = :side", { side: filter.side });
    if (filter.kind) q.andWhere("i.kind = :kind", { kind: filter.kind });
    if (filter.status) q.andWhere("i.status = :status", { status: filter.status });
    if (filter.number) q.andWhere("i.number = :number", { number: filter.number });
    if (filter.periodFrom) q.andWhere("i.period_start >= :from", { from: filter.periodFrom });
    if (filter.periodTo) q.andWhere("i.period_start < :to", { to: filter.periodTo });
    return scope.page(q, page, [{ column: "i.id", value: (i) => i.id }]);
  }

  invoice(principal: Principal, id: string): Promise<Invoice> {
    return PartnerScope.of(principal).one(this.dataSource.getRepository(Invoice).createQueryBuilder("i").where("i.id = :id", { id }), "Invoice", id);
  }

  /** An admitted invoice's lines (lines are read through their invoice only). */
  lines(invoice: Invoice, page: PageArgs): Promise<Page<InvoiceLineEntity>> {
    const q = this.dataSource.getRepository(InvoiceLineEntity).createQueryBuilder("l").where("l.invoice_id = :id", { id: invoice.id });
    return fetchPage(q, page, [{ column: "l.position", value: (l) => l.position }]);
  }

  allLines(invoiceId: string): Promise<InvoiceLineEntity[]> {
    return this.dataSource.getRepository(InvoiceLineEntity).find({ where: { invoiceId }, order: { position: "ASC" } });
  }

  billingRuns(principal: Principal, filter: { partnerId?: string }, page: PageArgs): Promise<Page<BillingRun>> {
    const scope = PartnerScope.of(principal);
    const partnerId = scope.partnerFilter(filter.partnerId);
    const q = this.dataSource.getRepository(BillingRun).createQueryBuilder("r");
    if (partnerId) q.andWhere("r.partner_id = :partnerId", { partnerId });
    return scope.page(q, page, [{ column: "r.id", value: (r) => r.id }]);
  }
}
