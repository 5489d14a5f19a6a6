import type { EntityManager } from "typeorm";
import { Decimal, localDate, type AgreementEventPayload, type EventRecord } from "@intersettle/shared";
import { NO_TOLERANCE, type AgreementTolerance } from "../../domain";

/** Keeps invoicing.settlement_agreement current from the partners topic (called by the billing-accounts consumer). */
export async function applyAgreementEvent(event: EventRecord, manager: EntityManager): Promise<void> {
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
export async function agreementToleranceOn(manager: EntityManager, partnerId: string, periodStart: Date, timezone: string): Promise<AgreementTolerance> {
  const day = localDate(periodStart, timezone);
  const [row] = (await manager.query(
    `SELECT tolerance_percent::text AS percent, tolerance_amount::text AS amount FROM invoicing.settlement_agreement
      WHERE partner_id = $1 AND status = 'ACTIVE' AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)
      ORDER BY valid_from DESC, id LIMIT 1`,
    [partnerId, day],
  )) as Array<{ percent: string; amount: string }>;
  return row ? { tolerancePercent: new Decimal(row.percent), toleranceAmount: new Decimal(row.amount) } : NO_TOLERANCE;
}
