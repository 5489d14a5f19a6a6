import type { DataSource } from "typeorm";
import { BadUserInputError, Decimal, isIsoDate } from "@intersettle/shared";
import { BillingAccount, Invoice, InvoiceLineEntity, InvoiceSide } from "../../entities";
import { billedMinutes, lineTaxShares, sageBatchTransactionCsv, xeroBillCsv, xeroSalesInvoiceCsv, type ExportDocument, type XeroDateOrder } from "../../domain";

export enum AccountingExportFormat {
  XERO_SALES = "xero-sales",
  XERO_BILLS = "xero-bills",
  SAGE_BATCH = "sage-batch",
}

/** The ledger codes lines are posted to (INTERSETTLE_XERO_* and INTERSETTLE_SAGE_* variables, with common defaults). */
export interface LedgerCodes {
  xeroDateOrder: XeroDateOrder;
  xeroSalesAccount: string;
  xeroPurchasesAccount: string;
  xeroSalesTaxRate: string;
  xeroPurchasesTaxRate: string;
  sageSalesNominal: string;
  sagePurchasesNominal: string;
  sageTaxCode: string;
}

export function readLedgerCodes(env: NodeJS.ProcessEnv = process.env): LedgerCodes {
  return {
    xeroDateOrder: env.INTERSETTLE_XERO_DATE_ORDER === "MONTH_FIRST" ? "MONTH_FIRST" : "DAY_FIRST",
    xeroSalesAccount: env.INTERSETTLE_XERO_SALES_ACCOUNT || "200",
    xeroPurchasesAccount: env.INTERSETTLE_XERO_PURCHASES_ACCOUNT || "300",
    xeroSalesTaxRate: env.INTERSETTLE_XERO_SALES_TAX_RATE || "Tax on Sales",
    xeroPurchasesTaxRate: env.INTERSETTLE_XERO_PURCHASES_TAX_RATE || "Tax on Purchases",
    sageSalesNominal: env.INTERSETTLE_SAGE_SALES_NOMINAL || "4000",
    sagePurchasesNominal: env.INTERSETTLE_SAGE_PURCHASES_NOMINAL || "5000",
    sageTaxCode: env.INTERSETTLE_SAGE_TAX_CODE || "T1",
  };
}

/** Issued documents of a range of issue dates as the CSV files Xero and Sage 50 import (layouts named in domain/exports/README.md). */
export class AccountingExports {
  constructor(private readonly dataSource: DataSource, private readonly codes: LedgerCodes) {}

  async csv(format: string, from: string, to: string, partnerId?: string): Promise<{ filename: string; content: string }> {
    const problems = [
      ...(Object.values(AccountingExportFormat).includes(format as AccountingExportFormat) ? [] : [{ field: "format", message: `must be one of ${Object.values(AccountingExportFormat).join(", ")}` }]),
      ...(isIsoDate(from) ? [] : [{ field: "from", message: "must be a date YYYY-MM-DD" }]),
      ...(isIsoDate(to) ? [] : [{ field: "to", message: "must be a date YYYY-MM-DD" }]),
    ];
    if (problems.length) throw new BadUserInputError(problems);
    const side = format === AccountingExportFormat.XERO_BILLS ? InvoiceSide.PAYABLE : format === AccountingExportFormat.XERO_SALES ? InvoiceSide.RECEIVABLE : undefined;
    const sage = format === AccountingExportFormat.SAGE_BATCH;
    const posting: Posting = sage
      ? { sales: { account: this.codes.sageSalesNominal, tax: this.codes.sageTaxCode }, purchases: { account: this.codes.sagePurchasesNominal, tax: this.codes.sageTaxCode } }
      : { sales: { account: this.codes.xeroSalesAccount, tax: this.codes.xeroSalesTaxRate }, purchases: { account: this.codes.xeroPurchasesAccount, tax: this.codes.xeroPurchasesTaxRate } };
    const documents = await this.documents(from, to, side, partnerId, posting);
    const content =
      format === AccountingExportFormat.XERO_SALES ? xeroSalesInvoiceCsv(documents, { dateOrder: this.codes.xeroDateOrder })
      : format === AccountingExportFormat.XERO_BILLS ? xeroBillCsv(documents, { dateOrder: this.codes.xeroDateOrder })
      : sageBatchTransactionCsv(documents);
    return { filename: `${format}-${from}-${to}.csv`, content };
  }

  private async documents(from: string, to: string, side: InvoiceSide | undefined, partnerId: string | undefined, posting: Posting): Promise<ExportDocument[]> {
    const q = this.dataSource.getRepository(Invoice).createQueryBuilder("i").where("i.number IS NOT NULL AND i.issue_date BETWEEN :from AND :to", { from, to });
    if (side) q.andWhere("i.side = :side", { side });
    if (partnerId) q.andWhere("i.partner_id = :partnerId", { partnerId });
    const invoices = await q.orderBy("i.issue_date").addOrderBy("i.number").getMany();
    const accounts = new Map((await this.dataSource.getRepository(BillingAccount).find()).map((a) => [a.partnerId, a]));
    const result: ExportDocument[] = [];
    for (const invoice of invoices) {
      const lines = await this.dataSource.getRepository(InvoiceLineEntity).find({ where: { invoiceId: invoice.id }, order: { position: "ASC" } });
      result.push(exportDocument(invoice, lines, accounts.get(invoice.partnerId)!, posting));
    }
    return result;
  }
}

/** Where a sale's and a purchase's lines are posted in the ledger being exported to. */
export interface Posting {
  sales: { account: string; tax: string };
  purchases: { account: string; tax: string };
}

export function exportDocument(invoice: Invoice, lines: InvoiceLineEntity[], account: BillingAccount, posting: Posting): ExportDocument {
  const { account: accountCode, tax: taxCode } = invoice.side === InvoiceSide.RECEIVABLE ? posting.sales : posting.purchases;
  const taxes = lineTaxShares(lines.map((l) => l.net), invoice.tax, Math.max(invoice.tax.decimalPlaces(), 2));
  return {
    side: invoice.side,
    kind: invoice.kind,
    number: invoice.number!,
    contactName: account.legalName,
    billingEmail: account.billingEmails[0] ?? "",
    accountReference: account.code.slice(0, 8),
    issueDate: invoice.issueDate!,
    dueDate: invoice.dueDate!,
    currency: invoice.currency,
    net: invoice.net,
    tax: invoice.tax,
    lines: lines.map((line, i) => ({
      description: `${line.destination} ${line.service}`.trim(),
      quantity: billedMinutes(line) ?? new Decimal(line.quantity),
      unitAmount: line.rate,
      net: line.net,
      tax: taxes[i],
      accountCode,
      taxCode,
    })),
  };
}
