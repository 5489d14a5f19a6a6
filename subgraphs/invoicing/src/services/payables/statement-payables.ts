import type { DataSource, EntityManager } from "typeorm";
import { currencyMinorUnits, Decimal, EventConsumer, type EventRecord, type EventWakeups, type Logger, type Principal } from "@intersettle/shared";
import { DocumentKind, InvoiceSide, InvoiceStatus } from "../../entities";
import { InvoiceLineKind, UsageUnit, type InvoiceLine } from "../../domain";
import { settlementTerms, type BillingAccounts } from "../accounts/billing-accounts";
import type { InvoiceLifecycleService } from "../billing/invoice-lifecycle.service";
import { insertLines, lineRows, newDraft, periodOf, refreshTotals } from "../billing/invoice-lines-store";

/** The part of revenue share's `statement.published` payload a payable needs. */
interface PublishedStatement {
  statementId: string;
  partnerId: string;
  number: string;
  periodStart: string;
  periodEnd: string;
  currency: string;
  payable: string;
  services: Array<{ code: string; name: string; transactions: number; payable: string }>;
}

const RECORDER: Principal = { kind: "service", service: "invoicing-revshare" };

/**
 * Turns each published revenue-share statement into an issued PAYABLE document for its partner — what we owe the
 * content partner, one line per service — numbered in the BILL series like every payable. At most one per statement:
 * a table keyed by the statement's id holds the link, so an event seen twice records nothing the second time.
 */
export class StatementPayables {
  readonly consumer: EventConsumer;

  constructor(dataSource: DataSource, wakeups: EventWakeups, private readonly accounts: BillingAccounts, private readonly lifecycle: InvoiceLifecycleService, logger?: Logger) {
    this.consumer = new EventConsumer(dataSource, wakeups, { name: "invoicing.revshare-statements", topics: ["revshare"], handle: (event, manager) => this.apply(event, manager), batchSize: 1, logger });
  }

  private async apply(event: EventRecord, manager: EntityManager): Promise<void> {
    if (event.type !== "statement.published") return;
    const s = event.payload as PublishedStatement;
    const claimed = await manager.query(`INSERT INTO invoicing.statement_payable (statement_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING statement_id`, [s.statementId]);
    if (claimed.length === 0) return;
    const payable = new Decimal(s.payable);
    // A statement whose adjustments cancel its shares owes nothing: the link is kept, no document made.
    if (payable.isZero()) return;
    const account = await this.accounts.get(s.partnerId, manager);
    // In the statement's currency (an agreement's, which may not be the partner's), rounded to at most its minor units.
    const base = settlementTerms(account);
    const terms = { ...base, currency: s.currency, rounding: { ...base.rounding, decimals: Math.min(account.roundingDecimals, currencyMinorUnits(s.currency)) } };
    const period = periodOf(new Date(s.periodStart), new Date(s.periodEnd));
    // Late refunds can leave a statement owing us: then it is a credit note on the partner's payables.
    const kind = payable.isNegative() ? DocumentKind.CREDIT_NOTE : DocumentKind.INVOICE;
    const draft = newDraft({ partnerId: s.partnerId, side: InvoiceSide.PAYABLE, kind, period, terms, reason: `Revenue-share statement ${s.number}` });
    const document = await manager.save(Object.assign(draft, { status: InvoiceStatus.APPROVED, approvedAt: event.occurredAt }));
    const lines: InvoiceLine[] = s.services.map((service) => ({
      side: InvoiceSide.PAYABLE,
      period,
      kind: InvoiceLineKind.REVENUE_SHARE,
      usage: { service: service.code, destination: service.name, prefix: "", rate: new Decimal(0), rateVersion: 0, currency: s.currency, calls: service.transactions, unit: UsageUnit.UNIT, quantity: service.transactions, amount: new Decimal(service.payable), exactAmount: new Decimal(service.payable) },
      currency: s.currency,
      exchangeRate: null,
      net: new Decimal(service.payable),
    }));
    await insertLines(manager, lineRows(lines, document, 0));
    await refreshTotals(manager, document, terms);
    const issued = await this.lifecycle.issueWithin(manager, RECORDER, document.id, new Date(event.occurredAt));
    await manager.query(`UPDATE invoicing.statement_payable SET invoice_id = $2 WHERE statement_id = $1`, [s.statementId, issued.id]);
  }
}
