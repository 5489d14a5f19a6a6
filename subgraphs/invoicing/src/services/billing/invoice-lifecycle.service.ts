import type { DataSource, EntityManager } from "typeorm";
import { appendEvent, AuditedEntity, auditSnapshot, BadUserInputError, ConflictError, Decimal, localDate, NotFoundError, type Principal } from "@intersettle/shared";
import { DocumentKind, Invoice, InvoiceLineEntity, InvoiceStatus, PAYABLE_STATUSES } from "../../entities";
import { dueDate, InvoiceLineKind, SIDE_PAID, UsageUnit, type InvoiceLine, type PaymentDirection } from "../../domain";
import { settlementTerms, type BillingAccounts } from "../accounts/billing-accounts";
import { insertLines, lineRows, newDraft, periodOf, refreshTotals, toDomainLine } from "./invoice-lines-store";
import { nextInvoiceNumber, seriesOf } from "./invoice-numbers";
import { invoiceEvent } from "./invoice-events";
import { paymentsWithCredit, settleInvoices } from "../payments/invoice-settlement";
import { invoicingAudit } from "../audit-trail";

/** Called once an invoice is issued and committed (e-mail delivery is queued from here). */
export type IssuedListener = (invoice: Invoice, manager: EntityManager) => Promise<void>;

/**
 * An invoice's life after billing: approved and issued by operators (numbered without gaps, then immutable), corrected
 * only by debit and credit notes, and voided only by a credit note for the whole of it.
 */
export class InvoiceLifecycleService {
  private readonly issuedListeners: IssuedListener[] = [];
  private readonly committedListeners: Array<() => void> = [];

  constructor(private readonly dataSource: DataSource, private readonly accounts: BillingAccounts) {}

  /** `inTransaction` runs in each issuing transaction; `committed` after it commits (to send what it queued). */
  onIssued(inTransaction: IssuedListener, committed?: () => void): void {
    this.issuedListeners.push(inTransaction);
    if (committed) this.committedListeners.push(committed);
  }

  approve(principal: Principal, id: string): Promise<Invoice> {
    return this.change(principal, id, "invoice.approved", async (invoice) => {
      if (invoice.status !== InvoiceStatus.DRAFT) throw new ConflictError(`Invoice ${id} is ${invoice.status}; only a DRAFT can be approved`, { field: "status" });
      return Object.assign(invoice, { status: InvoiceStatus.APPROVED, approvedAt: new Date() });
    });
  }

  /** Issues an approved document: its number, issue and due dates in the partner's timezone; credit on account is applied. */
  async issue(principal: Principal, id: string, at: Date = new Date()): Promise<Invoice> {
    const issued = await this.dataSource.transaction((manager) => this.issueIn(manager, principal, id, at));
    this.committed();
    return issued;
  }

  /** Voids an issued invoice that nothing has paid yet, by issuing a credit note for the whole of it. */
  async void(principal: Principal, id: string, reason: string, at: Date = new Date()): Promise<Invoice> {
    const voided = await this.dataSource.transaction(async (manager) => {
      const invoice = await this.locked(manager, id);
      if (invoice.kind !== DocumentKind.INVOICE || !PAYABLE_STATUSES.includes(invoice.status)) throw new ConflictError(`Only an issued, unpaid invoice can be voided; ${invoice.number ?? id} is ${invoice.kind} ${invoice.status}`, { field: "status" });
      if (!invoice.settledAmount.isZero()) throw new ConflictError(`Invoice ${invoice.number} has ${invoice.settledAmount.toFixed()} ${invoice.currency} settled; credit what is open with a credit note instead`, { field: "settledAmount" });
      const lines = await manager.find(InvoiceLineEntity, { where: { invoiceId: id }, order: { position: "ASC" } });
      const account = await this.accounts.get(invoice.partnerId, manager);
      // The note repeats the invoice's lines, so its usage counts as not billed any more and can be billed again.
      const note = await manager.save(newDraft({ partnerId: invoice.partnerId, side: invoice.side, kind: DocumentKind.CREDIT_NOTE, period: { start: invoice.periodStart, end: invoice.periodEnd }, terms: { ...settlementTerms(account), currency: invoice.currency, taxRatePercent: invoice.taxRatePercent }, correctsId: id, reason }));
      await insertLines(manager, lineRows(lines.map((l) => toDomainLine(l, { side: invoice.side, kind: DocumentKind.CREDIT_NOTE })), note, 0));
      await refreshTotals(manager, note, { ...settlementTerms(account), currency: invoice.currency, taxRatePercent: invoice.taxRatePercent });
      note.status = InvoiceStatus.APPROVED;
      note.approvedAt = at;
      await manager.save(note);
      const issuedNote = await this.issueIn(manager, principal, note.id, at);
      const voided = await this.locked(manager, id);
      const before = auditSnapshot(voided);
      voided.status = InvoiceStatus.VOID;
      const saved = await manager.save(voided);
      await invoicingAudit.record(manager, principal, { entityType: AuditedEntity.INVOICE, entityId: id, partnerId: saved.partnerId, action: "invoice.voided", before, after: { ...auditSnapshot(saved), creditNote: issuedNote.number, reason } });
      await appendEvent(manager, invoiceEvent("invoice.voided", saved));
      return saved;
    });
    this.committed();
    return voided;
  }

  /** After committing a transaction that issued through issueWithin or issueNoteWithin: sends what it queued. */
  committed(): void {
    for (const listener of this.committedListeners) listener();
  }

  /** A draft note correcting an issued invoice by an amount (net, before tax) an operator states, with the reason. */
  async createNote(principal: Principal, correctsId: string, kind: DocumentKind.CREDIT_NOTE | DocumentKind.DEBIT_NOTE, net: Decimal, reason: string): Promise<Invoice> {
    return this.dataSource.transaction((manager) => this.createNoteIn(manager, principal, correctsId, kind, net, reason));
  }

  /** A note created, approved and issued inside the caller's transaction (a dispute's settlement); call committed() after. */
  async issueNoteWithin(manager: EntityManager, principal: Principal, correctsId: string, kind: DocumentKind.CREDIT_NOTE | DocumentKind.DEBIT_NOTE, net: Decimal, reason: string, at: Date): Promise<Invoice> {
    const draft = await this.createNoteIn(manager, principal, correctsId, kind, net, reason);
    const before = auditSnapshot(draft);
    const approved = await manager.save(Object.assign(draft, { status: InvoiceStatus.APPROVED, approvedAt: at }));
    await invoicingAudit.record(manager, principal, { entityType: AuditedEntity.INVOICE, entityId: approved.id, partnerId: approved.partnerId, action: "invoice.approved", before, after: auditSnapshot(approved) });
    return this.issueIn(manager, principal, approved.id, at);
  }

  private async createNoteIn(manager: EntityManager, principal: Principal, correctsId: string, kind: DocumentKind.CREDIT_NOTE | DocumentKind.DEBIT_NOTE, net: Decimal, reason: string): Promise<Invoice> {
    if (!net.isFinite() || net.lte(0)) throw new BadUserInputError([{ field: "net", message: "must be a positive amount" }]);
    const corrected = await this.locked(manager, correctsId);
    if (corrected.kind !== DocumentKind.INVOICE || !corrected.number) throw new ConflictError("Notes correct issued invoices only", { field: "correctsId" });
    const account = await this.accounts.get(corrected.partnerId, manager);
    const terms = { ...settlementTerms(account), currency: corrected.currency, taxRatePercent: corrected.taxRatePercent };
    const rounded = net.toDecimalPlaces(terms.rounding.decimals);
    if (!rounded.equals(net)) throw new BadUserInputError([{ field: "net", message: `must have at most ${terms.rounding.decimals} decimals` }]);
    const note = await manager.save(newDraft({ partnerId: corrected.partnerId, side: corrected.side, kind, period: { start: corrected.periodStart, end: corrected.periodEnd }, terms, correctsId, reason }));
    // Signed as billing counts it (a credit takes away); stored as printed, positive on either kind of note.
    const signed = kind === DocumentKind.CREDIT_NOTE ? net.negated() : net;
    const line: InvoiceLine = {
      side: corrected.side,
      period: periodOf(corrected.periodStart, corrected.periodEnd),
      kind: InvoiceLineKind.CORRECTION,
      usage: { service: "CORRECTION", destination: reason.slice(0, 200), prefix: "", rate: new Decimal(0), rateVersion: 0, currency: corrected.currency, calls: 0, unit: UsageUnit.UNIT, quantity: 0, amount: signed, exactAmount: signed },
      currency: corrected.currency,
      exchangeRate: null,
      net: signed,
    };
    await insertLines(manager, lineRows([line], note, 0));
    const saved = await refreshTotals(manager, note, terms);
    await invoicingAudit.record(manager, principal, { entityType: AuditedEntity.INVOICE, entityId: saved.id, partnerId: saved.partnerId, action: "note.created", before: null, after: auditSnapshot(saved) });
    return saved;
  }

  /** Issues an approved document inside the caller's transaction (an event consumer recording a payable). */
  issueWithin(manager: EntityManager, principal: Principal, id: string, at: Date): Promise<Invoice> {
    return this.issueIn(manager, principal, id, at);
  }

  private async issueIn(manager: EntityManager, principal: Principal, id: string, at: Date): Promise<Invoice> {
    const invoice = await this.locked(manager, id);
    if (invoice.status !== InvoiceStatus.APPROVED) throw new ConflictError(`Invoice ${id} is ${invoice.status}; approve it before issuing`, { field: "status" });
    const lines = await manager.count(InvoiceLineEntity, { where: { invoiceId: id } });
    if (lines === 0) throw new ConflictError(`Invoice ${id} has no lines to issue`, { field: "lines" });
    const before = auditSnapshot(invoice);
    const account = await this.accounts.get(invoice.partnerId, manager);
    const issueDate = localDate(at, invoice.timezone);
    invoice.number = await nextInvoiceNumber(manager, seriesOf(invoice.side, invoice.kind), Number(issueDate.slice(0, 4)));
    Object.assign(invoice, { status: InvoiceStatus.ISSUED, issuedAt: at, issueDate, dueDate: dueDate(at, { paymentTermsDays: account.paymentTermsDays, timezone: invoice.timezone }) });
    let issued = await manager.save(invoice);
    await invoicingAudit.record(manager, principal, { entityType: AuditedEntity.INVOICE, entityId: id, partnerId: issued.partnerId, action: "invoice.issued", before, after: auditSnapshot(issued) });
    await appendEvent(manager, invoiceEvent("invoice.issued", issued));
    issued = await this.applyCredit(manager, issued, at);
    for (const listener of this.issuedListeners) await listener(issued, manager);
    return issued;
  }

  /** A credit note settles the invoice it corrects; a new invoice or debit note takes the credit left on the partner's payments. */
  private async applyCredit(manager: EntityManager, document: Invoice, at: Date): Promise<Invoice> {
    const direction: PaymentDirection = SIDE_PAID.RECEIVED === document.side ? "RECEIVED" : "MADE";
    if (document.kind === DocumentKind.CREDIT_NOTE) {
      if (!document.correctsId || document.gross.lte(0)) return document;
      const corrected = await manager.findOneByOrFail(Invoice, { id: document.correctsId });
      const open = corrected.gross.minus(corrected.settledAmount);
      const amount = Decimal.min(open, document.gross);
      if (amount.lte(0) || !PAYABLE_STATUSES.includes(corrected.status)) return document;
      const outcome = await settleInvoices(manager, document.partnerId, { paymentId: document.id, direction, currency: document.currency, unapplied: amount }, { creditNoteId: document.id }, { asOf: at, timezone: document.timezone, instructions: [{ invoiceId: corrected.id, amount }] });
      if (!outcome.ok) return document;
      document.settledAmount = amount;
      return manager.save(document);
    }
    for (const payment of await paymentsWithCredit(manager, document.partnerId, direction, document.currency)) {
      const outcome = await settleInvoices(manager, document.partnerId, { paymentId: payment.id, direction, currency: payment.currency, unapplied: payment.unapplied }, { paymentId: payment.id }, { asOf: at, timezone: document.timezone });
      if (!outcome.ok) continue;
      payment.unapplied = outcome.unapplied;
      await manager.save(payment);
    }
    return manager.findOneByOrFail(Invoice, { id: document.id });
  }

  private async change(principal: Principal, id: string, action: string, apply: (invoice: Invoice) => Promise<Invoice>): Promise<Invoice> {
    return this.dataSource.transaction(async (manager) => {
      const invoice = await this.locked(manager, id);
      const before = auditSnapshot(invoice);
      const saved = await manager.save(await apply(invoice));
      await invoicingAudit.record(manager, principal, { entityType: AuditedEntity.INVOICE, entityId: id, partnerId: saved.partnerId, action, before, after: auditSnapshot(saved) });
      return saved;
    });
  }

  private async locked(manager: EntityManager, id: string): Promise<Invoice> {
    const invoice = await manager.findOne(Invoice, { where: { id }, lock: { mode: "pessimistic_write" } });
    if (!invoice) throw new NotFoundError("Invoice", id);
    return invoice;
  }
}
