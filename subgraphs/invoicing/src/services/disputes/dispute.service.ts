import type { DataSource, EntityManager } from "typeorm";
import { appendEvent, AuditedEntity, auditSnapshot, BadUserInputError, ConflictError, currencyProblem, Decimal, describePrincipal, ForbiddenError, newId, PartnerScope, type Principal } from "@intersettle/shared";
import { Dispute, DisputeAttachment, DisputeComment, DocumentKind, InvoiceSide } from "../../entities";
import { disputedAmount, disputeTransition, dueDate, mayDiscuss, mismatchedCallsCsv, destinationDifferencesCsv, settledAmount, settlementNote, DisputeResolution, DisputeStatus, type DisputeAction, type DisputeActor } from "../../domain";
import { settlementTerms, type BillingAccounts } from "../accounts/billing-accounts";
import type { InvoiceLifecycleService } from "../billing/invoice-lifecycle.service";
import type { ReconciliationVariance, VarianceDisputes } from "../reconciliation/reconciliation-ports";
import { invoicingAudit } from "../audit-trail";
import { disputeEvent } from "./dispute-events";
import { authorKind, destinationsOf, invoiceOfPeriod, mismatchedCallsOf, newAttachment } from "./dispute-records";
import type { DisputeSettings } from "./dispute-settings";

/** A dispute an operator raises by hand: what a reconciliation's variance says, without the reconciliation. */
export type DisputeRequest = Pick<ReconciliationVariance, "partnerId" | "side" | "periodStart" | "periodEnd" | "currency" | "ourAmount" | "theirAmount" | "reason">;

export interface ResolutionRequest {
  resolution: DisputeResolution;
  /** PARTIAL only: the amount both sides agreed. */
  agreedAmount?: Decimal | null;
  comment?: string | null;
}

export interface AttachmentRequest {
  fileName: string;
  contentType: string;
  contentBase64: string;
}

const actorOf = (principal: Principal): DisputeActor => (principal.kind === "partner" ? "PARTNER" : "OPERATOR");
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Disputes from raising to closing: each step under the dispute's row lock and its optimistic version, audited and
 * told on the `disputes` topic in the transaction of the change. Closing books the settlement as a note on the
 * invoice of the period. Partners reach only their own disputes, through the partner scope.
 */
export class DisputeService implements VarianceDisputes {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: BillingAccounts,
    private readonly lifecycle: InvoiceLifecycleService,
    private readonly settings: DisputeSettings,
  ) {}

  /** Raised inside the reconciliation's closing transaction, with the mismatched calls (and differing destinations) attached as CSV. */
  async openForVariance(manager: EntityManager, principal: Principal, variance: ReconciliationVariance): Promise<{ disputeId: string }> {
    const dispute = await this.create(manager, principal, { ...variance, reconciliationId: variance.reconciliationId }, new Date());
    // Calls when the claim had calls; the destinations whose totals differ when it was an invoice (or they differ too).
    const evidence: Array<{ name: string; csv: string }> = [];
    if (variance.mismatchedCalls > 0 || variance.mismatchedDestinations === 0) {
      const limit = this.settings.evidenceCalls;
      // Beyond the limit the file says it is the start of the list, whose whole is the reconciliation's download.
      const name = variance.mismatchedCalls > limit ? `mismatched-calls-first-${limit}-of-${variance.mismatchedCalls}` : "mismatched-calls";
      evidence.push({ name, csv: mismatchedCallsCsv(await mismatchedCallsOf(manager, variance.reconciliationId, limit)) });
    }
    if (variance.mismatchedDestinations > 0) evidence.push({ name: "destination-differences", csv: destinationDifferencesCsv(await destinationsOf(manager, variance.reconciliationId)) });
    const files = evidence.map(({ name, csv }) =>
      newAttachment(dispute, principal, describePrincipal(principal), { fileName: `${dispute.number}-${name}.csv`, contentType: "text/csv; charset=utf-8", content: Buffer.from(csv, "utf8") }),
    );
    await manager.save(files);
    await appendEvent(manager, disputeEvent("dispute.opened", dispute, { attachmentId: files[0].id }));
    return { disputeId: dispute.id };
  }

  async open(principal: Principal, request: DisputeRequest): Promise<Dispute> {
    const problems = [];
    if (!(request.periodStart < request.periodEnd)) problems.push({ field: "periodEnd", message: "must be after periodStart" });
    const currency = currencyProblem(request.currency);
    if (currency) problems.push({ field: "currency", message: currency });
    for (const field of ["ourAmount", "theirAmount"] as const) if (!request[field].isFinite() || request[field].isNegative()) problems.push({ field, message: "must be an amount of 0 or more" });
    if (problems.length === 0 && request.ourAmount.equals(request.theirAmount)) problems.push({ field: "theirAmount", message: "equals ourAmount: there is nothing to dispute" });
    if (!request.reason.trim()) problems.push({ field: "reason", message: "must say why" });
    if (problems.length > 0) throw new BadUserInputError(problems);
    await this.accounts.get(request.partnerId);
    return this.dataSource.transaction(async (manager) => {
      const dispute = await this.create(manager, principal, { ...request, reconciliationId: null }, new Date());
      await appendEvent(manager, disputeEvent("dispute.opened", dispute));
      return dispute;
    });
  }

  /** OPEN → SUBMITTED: sent to the partner; its response window starts now. */
  submit(principal: Principal, id: string, version: number): Promise<Dispute> {
    return this.move(principal, id, version, "SUBMIT", "dispute.submitted", async (dispute, manager, at) => {
      const account = await this.accounts.get(dispute.partnerId, manager);
      dispute.submittedAt = at;
      dispute.dueDate = dueDate(at, { paymentTermsDays: this.settings.responseWindowDays, timezone: account.timezone });
    });
  }

  /** SUBMITTED → IN_REVIEW: the partner (or we on its behalf) takes it up. */
  review(principal: Principal, id: string, version: number): Promise<Dispute> {
    return this.move(principal, id, version, "REVIEW", "dispute.in_review");
  }

  /** IN_REVIEW → RESOLVED as ACCEPTED: the partner accepts our figure. */
  accept(principal: Principal, id: string, version: number, comment?: string | null): Promise<Dispute> {
    return this.move(principal, id, version, "ACCEPT", "dispute.resolved", async (dispute, manager, at) => {
      Object.assign(dispute, { resolution: DisputeResolution.ACCEPTED, agreedAmount: dispute.ourAmount, resolvedAt: at });
      if (comment?.trim()) await this.addComment(manager, principal, dispute, comment);
    });
  }

  /** The partner disagrees, saying why; the dispute stays IN_REVIEW for us to resolve. */
  contest(principal: Principal, id: string, version: number, comment: string): Promise<Dispute> {
    if (!comment.trim()) throw new BadUserInputError([{ field: "comment", message: "must say why our figure is contested" }]);
    return this.move(principal, id, version, "CONTEST", "dispute.contested", async (dispute, manager) => void (await this.addComment(manager, principal, dispute, comment)));
  }

  /** IN_REVIEW → RESOLVED: whose figure stands (or the agreed amount), as operators settle it with the partner. */
  resolve(principal: Principal, id: string, version: number, request: ResolutionRequest): Promise<Dispute> {
    return this.move(principal, id, version, "RESOLVE", "dispute.resolved", async (dispute, manager, at) => {
      if (request.resolution !== DisputeResolution.PARTIAL && request.agreedAmount) throw new BadUserInputError([{ field: "agreedAmount", message: "only a PARTIAL resolution takes an agreed amount" }]);
      const settled = settledAmount(dispute, request.resolution, request.agreedAmount ?? null);
      if ("problem" in settled) throw new BadUserInputError([{ field: "agreedAmount", message: settled.problem }]);
      Object.assign(dispute, { resolution: request.resolution, agreedAmount: settled.amount, resolvedAt: at });
      if (request.comment?.trim()) await this.addComment(manager, principal, dispute, request.comment);
    });
  }

  /**
   * RESOLVED → CLOSED, booking the settlement: a credit or debit note for the settled figure less ours, issued on the
   * invoice of the period (a credit note lowers what the partner owes on a RECEIVABLE); none when ours stood.
   */
  async close(principal: Principal, id: string, version: number): Promise<Dispute> {
    const closed = await this.move(principal, id, version, "CLOSE", "dispute.closed", async (dispute, manager, at) => {
      const account = await this.accounts.get(dispute.partnerId, manager);
      const note = settlementNote(dispute.ourAmount, dispute.agreedAmount!, settlementTerms(account).rounding.decimals);
      dispute.closedAt = at;
      if (!note) return;
      const invoice = dispute.invoiceId ? { id: dispute.invoiceId } : await invoiceOfPeriod(manager, dispute.partnerId, dispute.side, { start: dispute.periodStart, end: dispute.periodEnd });
      if (!invoice) throw new ConflictError(`Dispute ${dispute.number} settles a difference of ${note.net.toFixed()} ${dispute.currency} but the partner has no invoice for the period to correct; bill the period first`, { field: "invoiceId" });
      const kind = note.kind === "CREDIT_NOTE" ? DocumentKind.CREDIT_NOTE : DocumentKind.DEBIT_NOTE;
      const issued = await this.lifecycle.issueNoteWithin(manager, principal, invoice.id, kind, note.net, `Dispute ${dispute.number} resolved ${dispute.resolution}`, at);
      Object.assign(dispute, { invoiceId: invoice.id, noteId: issued.id });
    });
    this.lifecycle.committed();
    return closed;
  }

  async comment(principal: Principal, id: string, body: string): Promise<DisputeComment> {
    if (!body.trim()) throw new BadUserInputError([{ field: "body", message: "must not be empty" }]);
    return this.dataSource.transaction(async (manager) => {
      const dispute = await this.discussed(manager, principal, id);
      const comment = await this.addComment(manager, principal, dispute, body);
      await appendEvent(manager, disputeEvent("dispute.commented", dispute, { commentId: comment.id }));
      return comment;
    });
  }

  /** A file given inline in GraphQL (small ones: the gateway's request limit applies first). */
  attach(principal: Principal, id: string, request: AttachmentRequest): Promise<DisputeAttachment> {
    const content = request.contentBase64.replace(/\s+/g, "");
    if (!BASE64.test(content)) throw new BadUserInputError([{ field: "contentBase64", message: "is not base64" }]);
    return this.attachFile(principal, id, { fileName: request.fileName, contentType: request.contentType, content: Buffer.from(content, "base64") }, "contentBase64");
  }

  /** A file for a dispute not yet closed, by either side; `field` names the input that carried the bytes. */
  async attachFile(principal: Principal, id: string, request: { fileName: string; contentType: string; content: Buffer }, field = "content"): Promise<DisputeAttachment> {
    const bytes = request.content;
    if (bytes.length === 0) throw new BadUserInputError([{ field, message: "is empty" }]);
    if (bytes.length > this.settings.maxAttachmentBytes) throw new BadUserInputError([{ field, message: `is ${bytes.length} bytes; at most ${this.settings.maxAttachmentBytes} are taken` }]);
    if (!request.fileName.trim()) throw new BadUserInputError([{ field: "fileName", message: "must not be empty" }]);
    return this.dataSource.transaction(async (manager) => {
      const dispute = await this.discussed(manager, principal, id);
      const file = await manager.save(newAttachment(dispute, principal, describePrincipal(principal), { fileName: request.fileName.trim(), contentType: request.contentType.trim() || "application/octet-stream", content: bytes }));
      await invoicingAudit.record(manager, principal, { entityType: AuditedEntity.DISPUTE, entityId: dispute.id, partnerId: dispute.partnerId, action: "dispute.attachment_added", before: null, after: { attachmentId: file.id, fileName: file.fileName, sizeBytes: file.sizeBytes, sha256: file.sha256 } });
      await appendEvent(manager, disputeEvent("dispute.attachment_added", dispute, { attachmentId: file.id }));
      return file;
    });
  }

  private async create(manager: EntityManager, principal: Principal, request: Omit<DisputeRequest, "side"> & { side: string; reconciliationId: string | null; reason: string }, at: Date): Promise<Dispute> {
    const account = await this.accounts.get(request.partnerId, manager);
    const [{ n }] = await manager.query(`SELECT nextval('invoicing.dispute_number')::text AS n`);
    const side = request.side as InvoiceSide;
    const invoice = await invoiceOfPeriod(manager, request.partnerId, side, { start: request.periodStart, end: request.periodEnd });
    const dispute = await manager.save(
      Object.assign(new Dispute(), {
        id: newId(),
        number: `DSP-${n.padStart(6, "0")}`,
        partnerId: request.partnerId,
        side,
        periodStart: request.periodStart,
        periodEnd: request.periodEnd,
        currency: request.currency,
        reconciliationId: request.reconciliationId,
        invoiceId: invoice?.id ?? null,
        status: DisputeStatus.OPEN,
        resolution: null,
        ourAmount: request.ourAmount,
        theirAmount: request.theirAmount,
        disputedAmount: disputedAmount(request),
        agreedAmount: null,
        noteId: null,
        reason: request.reason,
        openedBy: describePrincipal(principal),
        openedAt: at,
        submittedAt: null,
        dueDate: dueDate(at, { paymentTermsDays: this.settings.responseWindowDays, timezone: account.timezone }),
        reminderCount: 0,
        lastRemindedAt: null,
        resolvedAt: null,
        closedAt: null,
        updatedAt: at,
      }),
    );
    await invoicingAudit.record(manager, principal, { entityType: AuditedEntity.DISPUTE, entityId: dispute.id, partnerId: dispute.partnerId, action: "dispute.opened", before: null, after: auditSnapshot(dispute) });
    return dispute;
  }

  private async move(principal: Principal, id: string, version: number, action: DisputeAction, event: string, apply?: (dispute: Dispute, manager: EntityManager, at: Date) => Promise<void>): Promise<Dispute> {
    return this.dataSource.transaction(async (manager) => {
      const dispute = await this.locked(manager, principal, id);
      const step = disputeTransition(dispute.status, action, actorOf(principal));
      if ("refused" in step) throw step.forbidden ? new ForbiddenError(`Dispute ${dispute.number}: ${step.refused}`) : new ConflictError(`Dispute ${dispute.number}: ${step.refused}`, { field: "status" });
      if (dispute.version !== version) throw new ConflictError(`Dispute ${dispute.number} has changed since version ${version} (it is at ${dispute.version}); read it again`, { field: "version" });
      const before = auditSnapshot(dispute);
      const at = new Date();
      dispute.status = step.to;
      dispute.updatedAt = at;
      await apply?.(dispute, manager, at);
      const saved = await manager.save(dispute);
      await invoicingAudit.record(manager, principal, { entityType: AuditedEntity.DISPUTE, entityId: id, partnerId: saved.partnerId, action: event, before, after: auditSnapshot(saved) });
      await appendEvent(manager, disputeEvent(event, saved));
      return saved;
    });
  }

  /** The dispute under its row lock, if the caller may see it (another partner's answers NOT_FOUND). */
  private locked(manager: EntityManager, principal: Principal, id: string): Promise<Dispute> {
    const query = manager.getRepository(Dispute).createQueryBuilder("d").setLock("pessimistic_write").where("d.id = :id", { id });
    return PartnerScope.of(principal).one(query, "Dispute", id);
  }

  private async discussed(manager: EntityManager, principal: Principal, id: string): Promise<Dispute> {
    const dispute = await this.locked(manager, principal, id);
    if (!mayDiscuss(dispute.status, actorOf(principal))) throw new ConflictError(`Dispute ${dispute.number} is ${dispute.status} and takes no comments or files${dispute.status === DisputeStatus.OPEN ? " until it is sent to the partner" : ""}`, { field: "status" });
    return dispute;
  }

  private async addComment(manager: EntityManager, principal: Principal, dispute: Dispute, body: string): Promise<DisputeComment> {
    const comment = await manager.save(Object.assign(new DisputeComment(), { id: newId(), disputeId: dispute.id, authorKind: authorKind(principal), author: describePrincipal(principal), body: body.trim(), createdAt: new Date() }));
    await invoicingAudit.record(manager, principal, { entityType: AuditedEntity.DISPUTE, entityId: dispute.id, partnerId: dispute.partnerId, action: "dispute.commented", before: null, after: { commentId: comment.id, body: comment.body } });
    return comment;
  }
}
