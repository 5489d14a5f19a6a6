import type { DataSource, EntityManager } from "typeorm";
import { BadUserInputError, ConflictError, type Principal } from "@intersettle/shared";
import type { Partner } from "../../entities";
import { CreditLedgerKind, exposureOf, operatorBlock, operatorUnblock } from "../../domain/credit";
import { lockPartner } from "../partner-changes";
import { figuresOf, termsOf, type CreditAccounts } from "./credit-accounts";

/** Operators' blocks and unblocks, with a reason: audited, in the credit ledger, and published like credit control's own. */
export class PartnerBlocks {
  constructor(private readonly dataSource: DataSource, private readonly accounts: CreditAccounts) {}

  block(principal: Principal, id: string, reason: string, expectedVersion?: number | null): Promise<Partner> {
    const why = requiredReason(reason);
    return this.dataSource.transaction(async (manager) => {
      const partner = await lockPartner(manager, id, expectedVersion);
      const exposure = await this.accounts.lockExposure(manager, partner);
      const decision = operatorBlock({ status: partner.status, blockCause: partner.blockCause }, why);
      if (!decision.ok) throw new ConflictError(decision.message, { field: "status" });
      await this.accounts.settle(manager, principal, partner, exposure, { eventType: "partner.status_changed", occurredAt: new Date(), kind: CreditLedgerKind.OPERATOR_BLOCK, after: "an operator's block", decided: { change: decision.change } });
      return partner;
    });
  }

  unblock(principal: Principal, id: string, reason: string, expectedVersion?: number | null): Promise<Partner> {
    const why = requiredReason(reason);
    return this.dataSource.transaction(async (manager) => this.unblockIn(manager, principal, await lockPartner(manager, id, expectedVersion), why));
  }

  /** Lifts an operator's or a fraud block on a locked partner; one still at its credit limit stays BLOCKED for credit. */
  async unblockIn(manager: EntityManager, principal: Principal, partner: Partner, reason: string): Promise<Partner> {
    const exposure = await this.accounts.lockExposure(manager, partner);
    const terms = termsOf(partner);
    const position = { exposure: exposureOf(figuresOf(exposure), terms.mode), terms, currency: exposure.currency };
    const decision = operatorUnblock({ status: partner.status, blockCause: partner.blockCause }, position, reason);
    if (!decision.ok) throw new ConflictError(decision.message, { field: "status" });
    await this.accounts.settle(manager, principal, partner, exposure, { eventType: "partner.status_changed", occurredAt: new Date(), kind: CreditLedgerKind.OPERATOR_UNBLOCK, after: "an operator's unblock", decided: { change: decision.change } });
    return partner;
  }
}

function requiredReason(reason: string | null | undefined): string {
  const why = reason?.trim();
  if (!why) throw new BadUserInputError([{ field: "reason", message: "must not be empty" }]);
  return why;
}
