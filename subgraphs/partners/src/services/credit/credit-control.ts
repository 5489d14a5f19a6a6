import type { DataSource, EntityManager } from "typeorm";
import { appendEvent, EventConsumer, type EventRecord, type EventWakeups, type Logger, type NewEvent, type Principal } from "@intersettle/shared";
import { Partner } from "../../entities";
import { causeOf, CreditLedgerKind, fraudBlock, ledgerKindOf, movementLabel, readCreditIntake } from "../../domain/credit";
import type { Publish } from "../partner-changes";
import { CREDIT_CONTROL, type CreditAccounts } from "./credit-accounts";

/** The actor of blocks set on a fraud alert's request. */
export const FRAUD_CONTROL: Principal = { kind: "service", service: "fraud-control" };

/**
 * Keeps every partner's exposure current from the `traffic`, `invoices` and `fraud` topics, and blocks and unblocks by
 * it. A batch of events applies in one transaction with the consumer's cursor (exactly once); the `partners` and
 * `credit` events it makes are appended at the batch's end, after its row locks, so it never holds the log's append
 * lock while waiting for a partner's row.
 */
export class CreditControl {
  readonly consumer: EventConsumer;
  private readonly outboxes = new WeakMap<EntityManager, NewEvent[]>();

  constructor(dataSource: DataSource, wakeups: EventWakeups, private readonly accounts: CreditAccounts, private readonly logger?: Logger) {
    this.consumer = new EventConsumer(dataSource, wakeups, {
      name: "partners.credit-control",
      topics: ["traffic", "invoices", "fraud"],
      handle: (event, manager) => this.apply(event, manager),
      afterBatch: (manager) => this.flush(manager),
      logger,
    });
  }

  private outbox(manager: EntityManager): Publish {
    return async (event) => {
      const held = this.outboxes.get(manager) ?? [];
      held.push(event);
      this.outboxes.set(manager, held);
    };
  }

  private async flush(manager: EntityManager): Promise<void> {
    const held = this.outboxes.get(manager) ?? [];
    this.outboxes.delete(manager);
    for (const event of held) await appendEvent(manager, event);
  }

  private async apply(event: EventRecord, manager: EntityManager): Promise<void> {
    const intake = readCreditIntake(event);
    if (intake.kind === "ignored") return;
    if (intake.kind === "unreadable") return void this.logger?.warn({ position: event.position, problem: intake.problem }, "credit control skipped an event it cannot read");
    const partner = await manager.findOne(Partner, { where: { id: intake.partnerId }, lock: { mode: "pessimistic_write" } });
    if (!partner) return void this.logger?.warn({ position: event.position, partnerId: intake.partnerId }, "credit control skipped an event of an unknown partner");
    const exposure = await this.accounts.lockExposure(manager, partner);
    const common = { position: event.position, eventType: event.type, occurredAt: new Date(event.occurredAt) };
    if (intake.kind === "movement") {
      await this.accounts.settle(
        manager,
        CREDIT_CONTROL,
        partner,
        exposure,
        { ...common, kind: ledgerKindOf(intake.movement.kind), reference: intake.reference, amount: intake.amount, amountCurrency: intake.currency, note: intake.note, movement: intake.movement, after: movementLabel(intake.movement.kind, intake.reference) },
        this.outbox(manager),
      );
      return;
    }
    const change = fraudBlock({ status: partner.status, blockCause: partner.blockCause }, intake);
    const unchanged = `fraud alert ${intake.alertId} (${intake.rule}) asked for a block; the partner is ${partner.status}${causeOf(partner) ? ` (${causeOf(partner)})` : ""} already`;
    await this.accounts.settle(
      manager,
      FRAUD_CONTROL,
      partner,
      exposure,
      { ...common, kind: CreditLedgerKind.FRAUD_ALERT, reference: intake.alertId, note: change ? null : unchanged, after: `fraud alert ${intake.alertId}`, decided: { change } },
      this.outbox(manager),
    );
  }
}
