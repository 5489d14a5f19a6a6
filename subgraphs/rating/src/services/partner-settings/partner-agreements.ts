import type { DataSource, EntityManager } from "typeorm";
import { EventConsumer, type EventRecord, type EventWakeups, type Logger, type PlanAgreement, type AgreementEventPayload } from "@intersettle/shared";
import { PartnerAgreement } from "../../entities";

/**
 * Rating's view of partners' agreements, which price plans may name, kept current from the partners topic. A consumer
 * of its own (not the partner settings one), so that a hub upgraded to it reads the agreements already in the log.
 */
export class PartnerAgreements {
  readonly consumer: EventConsumer;

  constructor(private readonly dataSource: DataSource, wakeups: EventWakeups, logger?: Logger) {
    this.consumer = new EventConsumer(dataSource, wakeups, { name: "rating.partner-agreements", topics: ["partners"], handle: applyAgreementEvent, logger });
  }

  /** One agreement; catches up with the log first when it is not known yet. */
  async get(id: string): Promise<PartnerAgreement | null> {
    const repo = this.dataSource.getRepository(PartnerAgreement);
    const found = await repo.findOneBy({ id });
    if (found) return found;
    await this.consumer.drain();
    return repo.findOneBy({ id });
  }

  /** Every agreement of these partners, as pricing reads them. */
  async of(partnerIds: string[]): Promise<PlanAgreement[]> {
    if (partnerIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT id, partner_id AS "partnerId", services, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo", status
         FROM rating.partner_agreement WHERE partner_id = ANY($1)`,
      [partnerIds],
    );
  }
}


async function applyAgreementEvent(event: EventRecord, manager: EntityManager): Promise<void> {
  if (event.type !== "agreement.created" && event.type !== "agreement.updated") return;
  const a = event.payload as AgreementEventPayload;
  await manager.query(
    `INSERT INTO rating.partner_agreement (id, partner_id, type, services, valid_from, valid_to, status, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now())
     ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, services = EXCLUDED.services, valid_from = EXCLUDED.valid_from,
       valid_to = EXCLUDED.valid_to, status = EXCLUDED.status, updated_at = now()`,
    [a.id, a.partnerId, a.type, a.services, a.validFrom, a.validTo, a.status],
  );
}
