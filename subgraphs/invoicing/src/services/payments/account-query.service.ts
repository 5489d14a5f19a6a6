import type { DataSource } from "typeorm";
import { BadUserInputError, isIsoDate, PartnerScope, type Page, type PageArgs, type Principal } from "@intersettle/shared";
import { DocumentKind, Invoice, Payment, PaymentAllocationEntity } from "../../entities";
import { accountBalances, agingReport, nettingStatement, type AccountBalance, type AgingRow, type NettingStatement } from "../../domain";
import type { BillingAccounts } from "../accounts/billing-accounts";
import { openInvoicesOf } from "./invoice-settlement";

/** A partner's account as it stands: payments, balances, aging and netting statements, each read through the partner scope. */
export class AccountQueryService {
  constructor(private readonly dataSource: DataSource, private readonly accounts: BillingAccounts) {}

  payments(principal: Principal, filter: { partnerId?: string }, page: PageArgs): Promise<Page<Payment>> {
    const scope = PartnerScope.of(principal);
    const partnerId = scope.partnerFilter(filter.partnerId);
    const q = this.dataSource.getRepository(Payment).createQueryBuilder("p");
    if (partnerId) q.andWhere("p.partner_id = :partnerId", { partnerId });
    return scope.page(q, page, [{ column: "p.id", value: (p) => p.id }]);
  }

  /** The allocations of an admitted invoice or payment. */
  allocations(by: { invoiceId?: string; paymentId?: string }): Promise<PaymentAllocationEntity[]> {
    return this.dataSource.getRepository(PaymentAllocationEntity).find({ where: by.invoiceId ? { invoiceId: by.invoiceId } : { paymentId: by.paymentId }, order: { allocatedAt: "ASC", id: "ASC" } });
  }

  async balances(principal: Principal, partnerId: string): Promise<AccountBalance[]> {
    PartnerScope.of(principal).partnerFilter(partnerId);
    await this.accounts.get(partnerId);
    const [invoices, payments] = await Promise.all([openInvoicesOf(this.dataSource.manager, partnerId), this.dataSource.getRepository(Payment).findBy({ partnerId })]);
    return accountBalances(invoices, payments);
  }

  async aging(principal: Principal, partnerId: string, asOf: Date): Promise<AgingRow[]> {
    PartnerScope.of(principal).partnerFilter(partnerId);
    const account = await this.accounts.get(partnerId);
    return agingReport(await openInvoicesOf(this.dataSource.manager, partnerId), asOf, account.timezone);
  }

  /** Receivable less payable per currency over the documents issued between two local dates of the partner. */
  async netting(principal: Principal, partnerId: string, firstDate: string, lastDate: string): Promise<NettingStatement> {
    PartnerScope.of(principal).partnerFilter(partnerId);
    const problems = [
      ...(isIsoDate(firstDate) ? [] : [{ field: "from", message: "must be a date YYYY-MM-DD" }]),
      ...(isIsoDate(lastDate) ? [] : [{ field: "to", message: "must be a date YYYY-MM-DD" }]),
    ];
    if (problems.length === 0 && lastDate < firstDate) problems.push({ field: "to", message: "must not be before from" });
    if (problems.length) throw new BadUserInputError(problems);
    await this.accounts.get(partnerId);
    const documents = await this.dataSource
      .getRepository(Invoice)
      .createQueryBuilder("i")
      .where("i.partner_id = :partnerId AND i.number IS NOT NULL AND i.issue_date BETWEEN :firstDate AND :lastDate", { partnerId, firstDate, lastDate })
      .getMany();
    return nettingStatement(
      documents.map((d) => ({ id: d.id, number: d.number!, side: d.side, kind: d.kind as DocumentKind, currency: d.currency, issueDate: d.issueDate!, total: d.gross })),
      { firstDate, lastDate },
    );
  }
}

