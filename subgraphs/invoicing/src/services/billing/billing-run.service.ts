import type { DataSource, EntityManager } from "typeorm";
import { AuditedEntity, auditSnapshot, BadUserInputError, cyclePeriodContaining, isIsoDate, localDate, newId, startOfLocalDate, type BillingCycle, type Period, type Principal } from "@intersettle/shared";
import { BillingAccount, BillingRun, BillingRunTrigger, DocumentKind, Invoice, InvoiceLineEntity, InvoiceSide, InvoiceStatus } from "../../entities";
import { invoiceLinesToAdd, InvoiceLineKind, MissingExchangeRateError, type InvoiceLine, type UsageLine } from "../../domain";
import { settlementTerms, sidesOf, type BillingAccounts } from "../accounts/billing-accounts";
import { billedLines, insertLines, lineRows, newDraft, refreshTotals } from "./invoice-lines-store";
import type { UsageSource } from "./rated-usage";
import type { ExchangeRates } from "./exchange-rates";
import { invoicingAudit } from "../audit-trail";

export interface BillingRunSettings {
  /** How many earlier invoiced periods a scheduled run re-checks for late usage (INTERSETTLE_LATE_USAGE_PERIODS, default 3). */
  lateUsagePeriods: number;
}

interface PeriodUsage {
  period: Pick<Period, "start" | "end">;
  usage: UsageLine[];
}

/**
 * Billing runs: reads a partner's rated usage from rating, asks the domain which lines are owed beyond what the
 * partner's documents already hold, and puts them on a draft. A period's first run bills its usage; usage that changes
 * after its period was invoiced comes back as adjustment lines for exactly the difference — on the next scheduled
 * invoice, or, when an operator re-runs an invoiced period, on a draft debit or credit note correcting it.
 */
export class BillingRunService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: BillingAccounts,
    private readonly usage: UsageSource,
    private readonly rates: ExchangeRates,
    private readonly settings: BillingRunSettings,
  ) {}

  /**
   * Bills one period. A scheduled run also re-checks the last few invoiced periods for late usage, and moves the
   * side's billed-through mark; it does nothing when the mark has already moved past the period (another replica, a
   * retry), so no period is scheduled twice.
   */
  async run(principal: Principal, partnerId: string, side: InvoiceSide, period: Period, trigger: BillingRunTrigger): Promise<BillingRun | null> {
    const account = await this.accounts.get(partnerId);
    const earlier = trigger === BillingRunTrigger.SCHEDULE ? await this.invoicedPeriodsBefore(partnerId, side, period.start) : [];
    // Usage is read before the transaction: rating answers over HTTP, and no lock is held while it does.
    const periods: PeriodUsage[] = [];
    for (const p of [period, ...earlier]) periods.push({ period: p, usage: await this.usage.usage(partnerId, side, p) });

    return this.dataSource.transaction(async (manager) => {
      // The account row is the run's lease: runs of one partner take turns, and the mark is read under it.
      const locked = await manager.findOne(BillingAccount, { where: { partnerId }, lock: { mode: "pessimistic_write" } });
      if (!locked) return null;
      if (trigger === BillingRunTrigger.SCHEDULE && !scheduledNext(locked, side, period)) return null;
      const terms = settlementTerms(locked);
      // Drafts of the periods looked at, rebuilt from today's usage rather than adjusted.
      const drafts = new Map<number, Invoice>();
      const usageLines: InvoiceLine[] = [];
      const adjustments: InvoiceLine[] = [];
      for (const { period: p, usage } of periods) {
        const draft = await this.draftFor(manager, partnerId, side, p);
        if (draft) {
          drafts.set(p.start.getTime(), draft);
          await manager.delete(InvoiceLineEntity, { invoiceId: draft.id, periodStart: p.start, periodEnd: p.end, kind: InvoiceLineKind.USAGE });
        }
        const invoiced = await billedLines(manager, partnerId, side, p);
        const periodInvoiced = await this.periodInvoiced(manager, partnerId, side, p);
        const exchangeRate = await this.rates.lookup(usage.map((u) => ({ from: u.currency, to: terms.currency })), localDate(new Date(p.end.getTime() - 1), terms.timezone));
        const lines = billLines(() => invoiceLinesToAdd({ terms, side, period: { ...p, firstDate: "", lastDate: "" }, usage, exchangeRate, invoiced, periodInvoiced }));
        if (periodInvoiced) adjustments.push(...lines);
        else if (lines.length > 0 || draft) {
          usageLines.push(...lines);
          const target = draft ?? (await manager.save(newDraft({ partnerId, side, kind: DocumentKind.INVOICE, period: p, terms })));
          drafts.set(p.start.getTime(), target);
          await this.addLines(manager, target, lines);
        }
      }
      let invoice: Invoice | null = drafts.get(period.start.getTime()) ?? null;
      if (adjustments.length > 0 && trigger === BillingRunTrigger.ON_DEMAND) {
        invoice = await this.noteFor(manager, locked, side, period, adjustments);
      } else if (adjustments.length > 0) {
        invoice ??= await manager.save(newDraft({ partnerId, side, kind: DocumentKind.INVOICE, period, terms }));
        drafts.set(period.start.getTime(), invoice);
        await this.addLines(manager, invoice, adjustments);
      }
      for (const draft of drafts.values()) {
        const refreshed = await refreshTotals(manager, draft, terms);
        if (draft === invoice) invoice = refreshed;
      }

      const run = await manager.save(
        Object.assign(new BillingRun(), {
          id: newId(),
          partnerId,
          side,
          periodStart: period.start,
          periodEnd: period.end,
          trigger,
          invoiceId: invoice?.id ?? null,
          usageLines: usageLines.length,
          adjustmentLines: adjustments.length,
          adjustmentNet: adjustments.reduce((sum, l) => sum.plus(l.net), terms.taxRatePercent.times(0)),
          ranAt: new Date(),
        }),
      );
      if (trigger === BillingRunTrigger.SCHEDULE) {
        await manager.update(BillingAccount, { partnerId }, side === InvoiceSide.RECEIVABLE ? { receivableBilledThrough: period.end } : { payableBilledThrough: period.end });
      }
      await invoicingAudit.record(manager, principal, { entityType: AuditedEntity.BILLING_RUN, entityId: run.id, partnerId, action: "billing_run.completed", before: null, after: auditSnapshot(run) });
      return run;
    });
  }

  /**
   * An operator's run for one partner and the closed period of its cycle holding a local date, on each side it has
   * (or the one asked): a period not invoiced yet goes on its draft; an invoiced one that changed, on a draft note.
   */
  async runOnDemand(principal: Principal, partnerId: string, date: string, sides?: InvoiceSide[], now: Date = new Date()): Promise<BillingRun[]> {
    if (!isIsoDate(date)) throw new BadUserInputError([{ field: "date", message: "must be a date YYYY-MM-DD" }]);
    const account = await this.accounts.get(partnerId);
    const period = cyclePeriodContaining(account.billingCycle as BillingCycle, startOfLocalDate(date, account.timezone), account.timezone);
    if (period.end > now) throw new BadUserInputError([{ field: "date", message: `the ${account.billingCycle.toLowerCase()} period ${period.firstDate}…${period.lastDate} has not closed yet in ${account.timezone}` }]);
    const runs: BillingRun[] = [];
    for (const side of sides ?? sidesOf(account)) {
      const run = await this.run(principal, partnerId, side, period, BillingRunTrigger.ON_DEMAND);
      if (run) runs.push(run);
    }
    return runs;
  }

  /** The periods of this side already billed before `start`, newest first, as many as late usage is looked for. */
  private async invoicedPeriodsBefore(partnerId: string, side: InvoiceSide, start: Date): Promise<Array<Pick<Period, "start" | "end">>> {
    if (this.settings.lateUsagePeriods === 0) return [];
    const rows: Array<{ period_start: Date; period_end: Date }> = await this.dataSource.query(
      `SELECT DISTINCT period_start, period_end FROM invoicing.billing_run
        WHERE partner_id = $1 AND side = $2 AND trigger = 'SCHEDULE' AND period_end <= $3
        ORDER BY period_start DESC LIMIT $4`,
      [partnerId, side, start, this.settings.lateUsagePeriods],
    );
    return rows.map((r) => ({ start: r.period_start, end: r.period_end }));
  }

  private draftFor(manager: EntityManager, partnerId: string, side: InvoiceSide, period: Pick<Period, "start">): Promise<Invoice | null> {
    return manager.findOne(Invoice, { where: { partnerId, side, kind: DocumentKind.INVOICE, status: InvoiceStatus.DRAFT, periodStart: period.start }, lock: { mode: "pessimistic_write" } });
  }

  /** Billed before: a run found it empty, or its lines sit on a document past DRAFT. Usage arriving now is late. */
  private async periodInvoiced(manager: EntityManager, partnerId: string, side: InvoiceSide, period: Pick<Period, "start" | "end">): Promise<boolean> {
    const [row] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM invoicing.billing_run r LEFT JOIN invoicing.invoice i ON i.id = r.invoice_id
                       WHERE r.partner_id = $1 AND r.side = $2 AND r.period_start = $3 AND r.period_end = $4
                         AND (r.invoice_id IS NULL OR i.status <> 'DRAFT' OR i.kind <> 'INVOICE' OR i.period_start <> $3))
          OR EXISTS (SELECT 1 FROM invoicing.invoice_line l JOIN invoicing.invoice i ON i.id = l.invoice_id
                       WHERE i.partner_id = $1 AND i.side = $2 AND l.period_start = $3 AND l.period_end = $4 AND i.status <> 'DRAFT'
                         AND l.kind <> 'REVENUE_SHARE') AS invoiced`,
      [partnerId, side, period.start, period.end],
    );
    return row.invoiced;
  }

  /** An operator's re-run of an invoiced period: the difference goes on a draft note correcting the period's invoice. */
  private async noteFor(manager: EntityManager, account: BillingAccount, side: InvoiceSide, period: Pick<Period, "start" | "end">, lines: InvoiceLine[]): Promise<Invoice> {
    const terms = settlementTerms(account);
    const net = lines.reduce((sum, l) => sum.plus(l.net), terms.taxRatePercent.times(0));
    const corrected = await manager.findOne(Invoice, { where: { partnerId: account.partnerId, side, kind: DocumentKind.INVOICE, periodStart: period.start }, order: { createdAt: "DESC" } });
    const kind = net.isNegative() ? DocumentKind.CREDIT_NOTE : DocumentKind.DEBIT_NOTE;
    const note = await manager.save(newDraft({ partnerId: account.partnerId, side, kind, period, terms, correctsId: corrected?.id ?? null, reason: "Usage changed after the period was invoiced (late CDRs or re-rating)" }));
    await this.addLines(manager, note, lines);
    return refreshTotals(manager, note, terms);
  }

  private async addLines(manager: EntityManager, invoice: Invoice, lines: InvoiceLine[]): Promise<void> {
    if (lines.length === 0) return;
    const [{ last }] = await manager.query(`SELECT coalesce(max(position), 0)::int AS last FROM invoicing.invoice_line WHERE invoice_id = $1`, [invoice.id]);
    await insertLines(manager, lineRows(lines, invoice, last));
  }
}

function scheduledNext(account: BillingAccount, side: InvoiceSide, period: Pick<Period, "start">): boolean {
  const through = side === InvoiceSide.RECEIVABLE ? account.receivableBilledThrough : account.payableBilledThrough;
  // The first run of a side starts where the cycle puts it; later ones exactly where the last one ended.
  return through ? through.getTime() === period.start.getTime() : true;
}

/** The domain's refusals (no exchange rate, a period invoiced in another currency) as answers the operator can act on. */
function billLines(bill: () => InvoiceLine[]): InvoiceLine[] {
  try {
    return bill();
  } catch (err) {
    if (err instanceof MissingExchangeRateError) throw new BadUserInputError([{ field: "exchangeRate", message: `cannot bill: ${err.message} in force; add one to the exchange rates` }]);
    if (err instanceof RangeError) throw new BadUserInputError([{ field: "usage", message: `cannot bill: ${err.message}` }]);
    throw err;
  }
}
