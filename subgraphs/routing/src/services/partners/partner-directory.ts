import type { DataSource, EntityManager } from "typeorm";
import { EventConsumer, type EventRecord, type EventWakeups, type Logger, type AgreementEventPayload } from "@intersettle/shared";
import type { AgreementWindow, RoutingPartner } from "../../domain/route-types";

/** The fields of partners' `partnerSnapshot` and `agreementSnapshot` (and of credit events) routing keeps. */
interface PartnerPayload {
  id: string;
  code: string;
  legalName: string;
  currency: string;
  timezone: string;
  status: string;
}


interface CreditPayload {
  partnerId: string;
  /** The partner's status after the event. */
  status: string;
}

type PartnerListener = (partner: RoutingPartner) => void;

/**
 * Routing's copy of partners and their agreements, kept from the `partners` and `credit` topics by one durable
 * consumer, so a block and the status change around it apply in log order. Each change is also handed to the
 * listener (the index) as it is applied: the event has happened, whether or not this copy commits first.
 */
export class PartnerDirectory {
  readonly consumer: EventConsumer;
  private listener?: PartnerListener;

  constructor(private readonly dataSource: DataSource, wakeups: EventWakeups, logger?: Logger) {
    this.consumer = new EventConsumer(dataSource, wakeups, { name: "routing.partners", topics: ["partners", "credit"], handle: (event, manager) => this.apply(event, manager), logger });
  }

  onChange(listener: PartnerListener): void {
    this.listener = listener;
  }

  /** Every partner routing knows, with its agreements. */
  async all(manager: EntityManager = this.dataSource.manager): Promise<Map<string, RoutingPartner>> {
    return this.read(manager);
  }

  /** Whether a partner is known, catching up with the log first when it is not (it may just have been created). */
  async exists(ids: string[]): Promise<Set<string>> {
    const known = async () => new Set(((await this.dataSource.query(`SELECT id::text FROM routing.partner WHERE id::text = ANY($1)`, [ids])) as Array<{ id: string }>).map((r) => r.id));
    let found = await known();
    if (found.size < new Set(ids).size) {
      await this.consumer.drain();
      found = await known();
    }
    return found;
  }

  private async apply(event: EventRecord, manager: EntityManager): Promise<void> {
    let partnerId: string | undefined;
    if (event.type.startsWith("partner.")) {
      const p = event.payload as PartnerPayload;
      await manager.query(
        `INSERT INTO routing.partner (id, code, name, currency, timezone, status, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, currency = EXCLUDED.currency, timezone = EXCLUDED.timezone,
           status = EXCLUDED.status, updated_at = EXCLUDED.updated_at`,
        [p.id, p.code, p.legalName, p.currency, p.timezone, p.status, event.occurredAt],
      );
      partnerId = p.id;
    } else if (event.type.startsWith("agreement.")) {
      const a = event.payload as AgreementEventPayload;
      await manager.query(
        `INSERT INTO routing.agreement (id, partner_id, type, services, valid_from, valid_to, status) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, services = EXCLUDED.services, valid_from = EXCLUDED.valid_from,
           valid_to = EXCLUDED.valid_to, status = EXCLUDED.status`,
        [a.id, a.partnerId, a.type, a.services, a.validFrom, a.validTo, a.status],
      );
      partnerId = a.partnerId;
    } else if (event.topic === "credit") {
      const c = event.payload as CreditPayload;
      if (!c.status) return;
      await manager.query(`UPDATE routing.partner SET status = $2, updated_at = $3 WHERE id = $1`, [c.partnerId, c.status, event.occurredAt]);
      partnerId = c.partnerId;
    }
    if (partnerId && this.listener) {
      const partner = (await this.read(manager, partnerId)).get(partnerId);
      if (partner) this.listener(partner);
    }
  }

  private async read(manager: EntityManager, partnerId?: string): Promise<Map<string, RoutingPartner>> {
    const filter = partnerId ? "WHERE id = $1" : "";
    const params = partnerId ? [partnerId] : [];
    const partners = (await manager.query(`SELECT id::text, code, name, currency, timezone, status FROM routing.partner ${filter}`, params)) as Array<Omit<RoutingPartner, "agreements">>;
    const agreements = (await manager.query(
      `SELECT id::text, partner_id::text AS "partnerId", type, services, valid_from::text AS "validFrom", valid_to::text AS "validTo", status
         FROM routing.agreement ${partnerId ? "WHERE partner_id = $1" : ""} ORDER BY valid_from, id`,
      params,
    )) as Array<AgreementWindow & { partnerId: string }>;
    const byId = new Map<string, RoutingPartner>(partners.map((p) => [p.id, { ...p, agreements: [] }]));
    for (const { partnerId: owner, ...window } of agreements) byId.get(owner)?.agreements.push(window);
    return byId;
  }
}
