import type { DataSource, EntityManager } from "typeorm";
import { appendEvent, AuditedEntity, auditSnapshot, BadUserInputError, ConflictError, localDate, NotFoundError, PartnerScope, type Principal } from "@intersettle/shared";
import { Statement, StatementLineEntity, StatementStatus } from "../../entities";
import { statementTransitionRefusal } from "../../domain";
import { nextStatementNumber } from "./statement-numbers";
import { statementEvent } from "./statement-events";
import { revshareAudit } from "../audit-trail";

/**
 * A statement's life after its runs: published by an operator (numbered without gaps, then immutable, and sent to
 * invoicing as a payable through the `revshare` topic), then settled when paid or disputed by the partner's word.
 */
export class StatementLifecycle {
  constructor(private readonly dataSource: DataSource) {}

  publish(principal: Principal, id: string, at: Date = new Date()): Promise<Statement> {
    return this.change(principal, id, "statement.published", async (statement, manager) => {
      refuseUnless(statement, StatementStatus.PUBLISHED);
      const lines = await manager.count(StatementLineEntity, { where: { statementId: id } });
      if (lines === 0) throw new ConflictError(`Statement ${id} has nothing on it to publish`, { field: "lines" });
      // Numbered by the year of publication in the partner's own timezone, like an invoice's issue date.
      statement.number = await nextStatementNumber(manager, Number(localDate(at, statement.timezone).slice(0, 4)));
      return Object.assign(statement, { status: StatementStatus.PUBLISHED, publishedAt: at });
    });
  }

  /** PUBLISHED (or DISPUTED, once resolved) → SETTLED: paid, with the payment's reference. */
  settle(principal: Principal, id: string, reference: string | null, at: Date = new Date()): Promise<Statement> {
    return this.change(principal, id, "statement.settled", async (statement) => {
      refuseUnless(statement, StatementStatus.SETTLED);
      return Object.assign(statement, { status: StatementStatus.SETTLED, settledAt: at, settlementReference: reference?.trim() || null });
    });
  }

  /** PUBLISHED → DISPUTED: the partner contests it; the reason is kept. Corrections come as adjustments on a later statement. */
  dispute(principal: Principal, id: string, reason: string, at: Date = new Date()): Promise<Statement> {
    if (!reason.trim()) throw new BadUserInputError([{ field: "reason", message: "must say why the statement is disputed" }]);
    return this.change(principal, id, "statement.disputed", async (statement) => {
      refuseUnless(statement, StatementStatus.DISPUTED);
      return Object.assign(statement, { status: StatementStatus.DISPUTED, disputedAt: at, disputeReason: reason.trim() });
    });
  }

  private change(principal: Principal, id: string, action: "statement.published" | "statement.settled" | "statement.disputed", apply: (s: Statement, m: EntityManager) => Promise<Statement>): Promise<Statement> {
    return this.dataSource.transaction(async (manager) => {
      const statement = await manager.findOne(Statement, { where: { id }, lock: { mode: "pessimistic_write" } });
      // A partner (disputing its own statement) never learns that another partner's exists.
      const own = PartnerScope.of(principal).partnerId;
      if (!statement || (own !== undefined && statement.partnerId !== own)) throw new NotFoundError("Statement", id);
      const before = auditSnapshot(statement);
      const changed = await apply(statement, manager);
      changed.updatedAt = new Date();
      const saved = await manager.save(changed);
      await revshareAudit.record(manager, principal, { entityType: AuditedEntity.STATEMENT, entityId: id, partnerId: saved.partnerId, action, before, after: auditSnapshot(saved) });
      const lines = await manager.find(StatementLineEntity, { where: { statementId: id }, order: { position: "ASC" } });
      // Last in the transaction: appends serialize until commit.
      await appendEvent(manager, statementEvent(action, saved, lines));
      return saved;
    });
  }
}

/** The domain's lifecycle decides which way a statement may go. */
function refuseUnless(statement: Statement, to: StatementStatus): void {
  const refusal = statementTransitionRefusal(statement.status, to);
  if (refusal) throw new ConflictError(`Statement ${statement.number ?? statement.id}: ${refusal}`, { field: "status" });
}
