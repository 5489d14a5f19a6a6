import type { DataSource, EntityManager } from "typeorm";
import { Decimal, EventConsumer, localDate, type AgreementEventPayload, type EventRecord, type EventWakeups, type Logger } from "@intersettle/shared";
import { NO_TOLERANCE, type AgreementTolerance } from "../../domain";

/**
 * Agreements as reconciliation needs them (validity and tolerances), kept current from the partners topic by a
 * consumer of their own: one new to a database reads the topic from its start, so a hub upgraded to reconciliation
 * knows every agreement made before it.
 */
export class SettlementAgreements {
  readonly consumer: EventConsumer;

  constructor(private readonly dataSource: DataSource, wakeups: EventWakeups, logger?: Logger) {
    this.consumer = new EventConsumer(dataSource, wakeups, { name: "invoicing.settlement-agreements", topics: ["partners"], handle: applyAgreementEvent, logger });
  }

  /** The tolerance in force for the period, once the log has been read to its end. */
  async toleranceOn(partnerId: string, periodStart: Date, timezone: string): Promise<AgreementTolerance> {
    await this.consumer.drain();
    return agreementToleranceOn(this.dataSource.manager, partnerId, periodStart, timezone);
  }
}

async function applyAgreementEvent(event: EventRecord, manager: EntityManager): Promise<void> {
  if (event.type !== "agreement.created" && event.type !== "agreement.updated") return;
  const a = event.payload as AgreementEventPayload;
  await manager.query(
    `INSERT INTO invoicing.settlement_agreement (id, partner_id, valid_from, valid_to, status, tolerance_percent, tolerance_amount)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to, status = EXCLUDED.status,
       tolerance_percent = EXCLUDED.tolerance_percent, tolerance_amount = EXCLUDED.tolerance_amount`,
    // Events written before tolerances were carried have none: no tolerance, as without an agreement.
    [a.id, a.partnerId, a.validFrom, a.validTo, a.status, a.tolerancePercent ?? "0", a.toleranceAmount ?? "0"],
  );
}

/**
 * The tolerance of the partner's ACTIVE agreement in force on the period's first local day (the latest to start, when
 * several are); with none, no tolerance at all: any variance is beyond it.
 */
async function agreementToleranceOn(manager: EntityManager, partnerId: string, periodStart: Date, timezone: string): Promise<AgreementTolerance> {
  const day = localDate(periodStart, timezone);
  const [row] = (await manager.query(
    `SELECT tolerance_percent::text AS percent, tolerance_amount::text AS amount FROM invoicing.settlement_agreement
      WHERE partner_id = $1 AND status = 'ACTIVE' AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)
      ORDER BY valid_from DESC, id LIMIT 1`,
    [partnerId, day],
  )) as Array<{ percent: string; amount: string }>;
  return row ? { tolerancePercent: new Decimal(row.percent), toleranceAmount: new Decimal(row.amount) } : NO_TOLERANCE;
}
