import type { DataSource, EntityManager } from "typeorm";
import { clipText, newId, PartnerScope, type Logger, type Principal } from "@intersettle/shared";
import { DeliveryStatus, Invoice, InvoiceDelivery, InvoiceSide } from "../../entities";
import { invoiceDocumentTitle, nextDeliveryAttempt } from "../../domain";
import type { BillingAccounts } from "../accounts/billing-accounts";
import type { InvoiceDocuments } from "../documents/invoice-documents.service";
import { MailDeliveryError, type InvoiceMailer } from "./invoice-mailer";

const BATCH = 20;

/**
 * E-mails issued receivable invoices and notes, with their PDF, to the partner's BILLING contacts. A delivery is queued
 * in the issuing transaction; sending happens after, each attempt recorded, failures retried with back-off until they
 * succeed or are given up (FAILED, for an operator to look at). Without an SMTP server configured, deliveries wait.
 */
export class InvoiceDeliveryService {
  private sending?: Promise<number>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: BillingAccounts,
    private readonly documents: InvoiceDocuments,
    private readonly mailer: InvoiceMailer | undefined,
    private readonly logger?: Logger,
  ) {}

  /** Queues the e-mail of a document just issued, inside the issuing transaction. */
  async queue(invoice: Invoice, manager: EntityManager): Promise<void> {
    // A payable is our record of what the vendor bills us: nothing to send.
    if (invoice.side !== InvoiceSide.RECEIVABLE) return;
    const account = await this.accounts.get(invoice.partnerId, manager);
    const recipients = account.billingEmails;
    await manager.insert(InvoiceDelivery, {
      id: newId(),
      invoiceId: invoice.id,
      partnerId: invoice.partnerId,
      recipients,
      status: recipients.length ? DeliveryStatus.PENDING : DeliveryStatus.FAILED,
      attempts: 0,
      nextAttemptAt: recipients.length ? new Date() : null,
      lastError: recipients.length ? null : "the partner has no BILLING contact with an e-mail address",
      messageId: null,
      sentAt: null,
    });
  }

  /** Sends what is due now, soon after an issue commits (the scheduler's tick sends the rest). */
  kick(): void {
    void this.deliverDue().catch((err) => this.logger?.error({ err }, "invoice delivery failed"));
  }

  /** Sends every delivery due by `now`; returns how many were sent. One sender at a time per process. */
  deliverDue(now: Date = new Date()): Promise<number> {
    if (!this.mailer) return Promise.resolve(0);
    this.sending ??= this.sendDue(now).finally(() => (this.sending = undefined));
    return this.sending;
  }

  /** Lets a send in progress finish, then closes the SMTP connection. */
  async stop(): Promise<void> {
    await this.sending?.catch(() => undefined);
    this.mailer?.close();
  }

  /** An admitted invoice's deliveries, as the caller may see them (a partner does not see the server's errors). */
  async deliveriesOf(principal: Principal, invoiceId: string): Promise<InvoiceDelivery[]> {
    const scope = PartnerScope.of(principal);
    return (await this.dataSource.getRepository(InvoiceDelivery).find({ where: { invoiceId }, order: { id: "ASC" } })).map((d) => scope.present(InvoiceDelivery, d));
  }

  private async sendDue(now: Date): Promise<number> {
    let sent = 0;
    for (;;) {
      let handled = 0;
      for (let i = 0; i < BATCH; i++) {
        const outcome = await this.sendOne(now);
        if (outcome === "none") break;
        handled++;
        if (outcome === "sent") sent++;
      }
      if (handled < BATCH) return sent;
    }
  }

  /** One due delivery, sent under its row lock so that two replicas never send it twice. */
  private sendOne(now: Date): Promise<"sent" | "failed" | "none"> {
    return this.dataSource.transaction(async (manager) => {
      const delivery = await manager
        .getRepository(InvoiceDelivery)
        .createQueryBuilder("d")
        .where("d.status = :pending AND d.next_attempt_at <= :now", { pending: DeliveryStatus.PENDING, now })
        .orderBy("d.next_attempt_at")
        .setLock("pessimistic_write")
        .setOnLocked("skip_locked")
        .getOne();
      if (!delivery) return "none";
      const invoice = await manager.findOneByOrFail(Invoice, { id: delivery.invoiceId });
      delivery.attempts += 1;
      try {
        const pdf = await this.documents.pdf(invoice);
        const title = invoiceDocumentTitle(invoice);
        const receipt = await this.mailer!.send({
          to: delivery.recipients,
          subject: `${title} ${invoice.number}: ${invoice.gross.toFixed()} ${invoice.currency}, due ${invoice.dueDate}`,
          text: `Please find attached ${title.toLowerCase()} ${invoice.number} for ${invoice.gross.toFixed()} ${invoice.currency}, due ${invoice.dueDate}.`,
          attachments: [{ filename: pdf.filename, content: pdf.body, contentType: pdf.contentType }],
        });
        Object.assign(delivery, { status: DeliveryStatus.SENT, messageId: receipt.messageId, sentAt: new Date(), nextAttemptAt: null, lastError: receipt.rejected.length ? `rejected: ${receipt.rejected.join(", ")}` : null });
        await manager.save(delivery);
        return "sent";
      } catch (err) {
        const permanent = err instanceof MailDeliveryError && err.permanent;
        const next = nextDeliveryAttempt(delivery.attempts, new Date(), { permanentFailure: permanent });
        Object.assign(delivery, { status: next.status === "RETRY" ? DeliveryStatus.PENDING : DeliveryStatus.FAILED, nextAttemptAt: next.status === "RETRY" ? next.nextAttemptAt : null, lastError: clipText(err instanceof Error ? err.message : String(err)) });
        await manager.save(delivery);
        this.logger?.warn({ err, invoice: invoice.number, attempts: delivery.attempts }, "invoice e-mail failed");
        return "failed";
      }
    });
  }
}
