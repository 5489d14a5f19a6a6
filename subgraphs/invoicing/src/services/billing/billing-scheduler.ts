import type { DataSource } from "typeorm";
import { appendEvent, AuditedEntity, closedPeriodsToBill, type Logger, type Principal } from "@intersettle/shared";
import { BillingRunTrigger, Invoice } from "../../entities";
import { cycleState, sidesOf, type BillingAccounts } from "../accounts/billing-accounts";
import type { BillingRunService } from "./billing-run.service";
import { invoiceEvent } from "./invoice-events";
import { invoicingAudit } from "../audit-trail";

export const SCHEDULER: Principal = { kind: "service", service: "invoicing-scheduler" };

/** Work the scheduler does on every tick besides billing (e-mail retries). */
export type ScheduledWork = (now: Date) => Promise<void>;

/**
 * The hub's billing clock. Each tick bills, for every partner and side, each period of its cycle that has closed in
 * its timezone since the last one billed (all of them, oldest first, after a stop), marks invoices past their due date
 * OVERDUE, and runs the other scheduled work. Progress is the durable billed-through mark, moved in the run's
 * transaction under the partner's row lock, so a restart resumes where it stopped and no period is billed twice.
 */
export class BillingScheduler {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  /** Set by stop(): a tick in progress finishes the run it is in and bills no further period. */
  private halting = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: BillingAccounts,
    private readonly runs: BillingRunService,
    private readonly work: ScheduledWork[],
    private readonly tickMs: number,
    private readonly logger?: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.halting = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.halting = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass over every account (or one partner's); returns how many periods were billed. */
  async tick(now: Date = new Date(), partnerId?: string): Promise<number> {
    await this.accounts.consumer.drain();
    let billed = 0;
    const accounts = partnerId ? [await this.accounts.get(partnerId)] : await this.accounts.all();
    for (const account of accounts) {
      for (const side of sidesOf(account)) {
        for (const period of closedPeriodsToBill(cycleState(account, side), now)) {
          if (this.halting) return billed;
          try {
            if (await this.runs.run(SCHEDULER, account.partnerId, side, period, BillingRunTrigger.SCHEDULE)) billed++;
          } catch (err) {
            // The mark did not move: the period is tried again next tick, and later periods wait for it.
            this.logger?.error({ err, partner: account.code, side, period: period.firstDate }, "scheduled billing run failed");
            break;
          }
        }
      }
    }
    if (partnerId) return billed;
    await this.markOverdue(now);
    for (const work of this.work) await work(now);
    return billed;
  }

  /** Issued invoices still open after their due date (in their own timezone) become OVERDUE, each an event. */
  async markOverdue(now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager.query(
        `UPDATE invoicing.invoice SET status = 'OVERDUE', version = version + 1
          WHERE status IN ('ISSUED', 'PARTIALLY_PAID') AND kind <> 'CREDIT_NOTE' AND due_date < ($1::timestamptz AT TIME ZONE timezone)::date
          RETURNING id`,
        [now],
      );
      // TypeORM answers an UPDATE … RETURNING as [rows, count].
      const rows: Array<{ id: string }> = Array.isArray(result[0]) ? result[0] : result;
      for (const { id } of rows) {
        const invoice = await manager.findOneByOrFail(Invoice, { id });
        await invoicingAudit.record(manager, SCHEDULER, { entityType: AuditedEntity.INVOICE, entityId: id, partnerId: invoice.partnerId, action: "invoice.overdue", before: null, after: { status: invoice.status, dueDate: invoice.dueDate } });
        await appendEvent(manager, invoiceEvent("invoice.overdue", invoice));
      }
      return rows.length;
    });
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((err) => this.logger?.error({ err }, "billing scheduler tick failed"))
        .then(() => this.schedule(this.tickMs));
    }, delay);
    this.timer.unref();
  }
}
