import type { DataSource } from "typeorm";
import { PartnerScope, type Principal } from "@intersettle/shared";
import { Invoice, InvoiceLineEntity } from "../../entities";
import type { BillingAccounts } from "../accounts/billing-accounts";
import { invoiceDocument } from "./invoice-documents";
import { renderInvoicePdf } from "./invoice-pdf";
import type { IssuerSettings } from "./issuer-settings";

export interface RenderedDocument {
  filename: string;
  contentType: string;
  body: Buffer;
}

/** The PDF of an issued invoice or note, rendered from what is stored (never kept: the rows are the record). */
export class InvoiceDocuments {
  constructor(private readonly dataSource: DataSource, private readonly accounts: BillingAccounts, private readonly issuer: IssuerSettings) {}

  /** As the caller may see it: another partner's invoice is NOT_FOUND. */
  async pdfFor(principal: Principal, invoiceId: string): Promise<RenderedDocument> {
    const invoice = await PartnerScope.of(principal).one(this.dataSource.getRepository(Invoice).createQueryBuilder("i").where("i.id = :id", { id: invoiceId }), "Invoice", invoiceId);
    return this.pdf(invoice);
  }

  async pdf(invoice: Invoice): Promise<RenderedDocument> {
    const [lines, account, corrected] = await Promise.all([
      this.dataSource.getRepository(InvoiceLineEntity).find({ where: { invoiceId: invoice.id }, order: { position: "ASC" } }),
      this.accounts.get(invoice.partnerId),
      invoice.correctsId ? this.dataSource.getRepository(Invoice).findOneBy({ id: invoice.correctsId }) : null,
    ]);
    const body = await renderInvoicePdf(invoiceDocument(invoice, lines, account, this.issuer, corrected?.number));
    return { filename: `${invoice.number}.pdf`, contentType: "application/pdf", body };
  }
}
