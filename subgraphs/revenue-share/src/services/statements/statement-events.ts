import type { NewEvent } from "@intersettle/shared";
import { PAYABLE_LINE_KINDS, StatementLineKind } from "../../domain";
import type { Statement, StatementLineEntity } from "../../entities";

/** The `revshare` topic's statement events, as invoicing and subscribers read them: amounts as exact strings. */
export interface StatementEventPayload {
  statementId: string;
  partnerId: string;
  number: string | null;
  status: string;
  serviceIds: string[];
  periodStart: string;
  periodEnd: string;
  timezone: string;
  currency: string;
  payable: string;
  /** Per service, what the statement pays for it (usage and adjustments), so a payable can carry a line per service. */
  services: Array<{ serviceId: string; code: string; name: string; transactions: number; payable: string }>;
  reason?: string | null;
}

export function statementEvent(type: "statement.published" | "statement.settled" | "statement.disputed", statement: Statement, lines: StatementLineEntity[]): NewEvent<StatementEventPayload> {
  const byService = new Map<string, StatementEventPayload["services"][number]>();
  for (const line of lines) {
    const service = byService.get(line.serviceId) ?? { serviceId: line.serviceId, code: line.serviceCode, name: line.serviceName, transactions: 0, payable: "0" };
    if (line.kind === StatementLineKind.GROSS) service.transactions += line.transactions ?? 0;
    if (PAYABLE_LINE_KINDS.includes(line.kind)) service.payable = line.amount.plus(service.payable).toFixed();
    byService.set(line.serviceId, service);
  }
  return {
    topic: "revshare",
    type,
    key: statement.partnerId,
    producer: "revenue-share",
    payload: {
      statementId: statement.id,
      partnerId: statement.partnerId,
      number: statement.number,
      status: statement.status,
      serviceIds: [...byService.keys()],
      periodStart: statement.periodStart.toISOString(),
      periodEnd: statement.periodEnd.toISOString(),
      timezone: statement.timezone,
      currency: statement.currency,
      payable: statement.payable.toFixed(),
      services: [...byService.values()],
      reason: statement.disputeReason,
    },
  };
}
