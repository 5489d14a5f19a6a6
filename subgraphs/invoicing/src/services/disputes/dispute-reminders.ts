import type { DataSource } from "typeorm";
import { appendEvent, AuditedEntity, auditSnapshot, localDate, type Logger, type Principal } from "@intersettle/shared";
import { Dispute } from "../../entities";
import { AWAITING_STATUSES, reminderDue } from "../../domain";
import type { BillingAccounts } from "../accounts/billing-accounts";
import type { InvoiceMailer } from "../delivery/invoice-mailer";
import { invoicingAudit } from "../audit-trail";
import { disputeEvent } from "./dispute-events";
import type { DisputeSettings } from "./dispute-settings";

export const DISPUTE_REMINDER: Principal = { kind: "service", service: "invoicing-dispute-reminders" };

/**
 * Reminds partners of disputes awaiting their answer, by e-mail to their billing contacts, from the scheduler's tick.
 * Each dispute is claimed under its row lock (SKIP LOCKED, so two replicas never remind one twice) and its
 * reminder_count and last_reminded_at move in the transaction that sent the mail: a failed send leaves it to the
 * next tick. Should the commit fail after the server took the mail, the partner hears twice — never not at all.
 */
export class DisputeReminders {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: BillingAccounts,
    private readonly mailer: InvoiceMailer | undefined,
    private readonly settings: DisputeSettings,
    private readonly logger?: Logger,
  ) {}

  /** Sends every reminder due at `now`; returns how many went out. */
  async remindDue(now: Date = new Date()): Promise<number> {
    if (!this.mailer) return 0;
    const candidates: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM invoicing.dispute WHERE status = ANY($1) AND due_date IS NOT NULL ORDER BY due_date, id`, [AWAITING_STATUSES]);
    let sent = 0;
    for (const { id } of candidates) {
      try {
        if (await this.remindOne(id, now)) sent++;
      } catch (err) {
        this.logger?.error({ err, dispute: id }, "dispute reminder failed; tried again next tick");
      }
    }
    return sent;
  }

  private remindOne(id: string, now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const dispute = await manager.getRepository(Dispute).createQueryBuilder("d").setLock("pessimistic_write").setOnLocked("skip_locked").where("d.id = :id AND d.status = ANY(:awaiting)", { id, awaiting: AWAITING_STATUSES }).getOne();
      if (!dispute?.dueDate || !dispute.submittedAt) return false;
      const account = await this.accounts.get(dispute.partnerId, manager);
      if (!reminderDue({ submittedAt: dispute.submittedAt, dueDate: dispute.dueDate, lastRemindedAt: dispute.lastRemindedAt }, now, { intervalDays: this.settings.reminderIntervalDays, timezone: account.timezone })) return false;
      if (account.billingEmails.length === 0) {
        this.logger?.warn({ dispute: dispute.number, partner: account.code }, "dispute reminder due but the partner has no billing contact");
        return false;
      }
      const before = auditSnapshot(dispute);
      await this.mailer!.send({
        to: account.billingEmails,
        subject: `Reminder: dispute ${dispute.number} awaits your answer (due ${dispute.dueDate})`,
        text: [
          `Dear ${account.legalName},`,
          ``,
          `Dispute ${dispute.number} (${dispute.side === "RECEIVABLE" ? "our invoice to you" : "your invoice to us"}, ${dispute.periodStart.toISOString().slice(0, 10)} to ${dispute.periodEnd.toISOString().slice(0, 10)}) is ${dispute.status}.`,
          `Our figure: ${dispute.ourAmount.toFixed()} ${dispute.currency}; your figure: ${dispute.theirAmount.toFixed()} ${dispute.currency}; in dispute: ${dispute.disputedAmount.toFixed()} ${dispute.currency}.`,
          `Your answer ${localDate(now, account.timezone) > dispute.dueDate ? "was" : "is"} due on ${dispute.dueDate}. Please review the evidence and answer through the Intersettle API.`,
          ``,
          `Reason: ${dispute.reason}`,
        ].join("\n"),
        attachments: [],
      });
      // Not a change anyone answers to: the version stays, so a partner's pending answer is not refused over it.
      await manager.query(`UPDATE invoicing.dispute SET reminder_count = reminder_count + 1, last_reminded_at = $2 WHERE id = $1`, [id, now]);
      const saved = await manager.findOneByOrFail(Dispute, { id });
      await invoicingAudit.record(manager, DISPUTE_REMINDER, { entityType: AuditedEntity.DISPUTE, entityId: id, partnerId: saved.partnerId, action: "dispute.reminded", before, after: auditSnapshot(saved) });
      await appendEvent(manager, disputeEvent("dispute.reminded", saved));
      return true;
    });
  }
}
