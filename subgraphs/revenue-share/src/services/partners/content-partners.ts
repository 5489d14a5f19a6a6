import type { DataSource, EntityManager } from "typeorm";
import { AuditedEntity, auditSnapshot, BadUserInputError, ConflictError, EventConsumer, isIsoDate, NotFoundError, startOfLocalDate, type EventRecord, type EventWakeups, type Logger, type Principal } from "@intersettle/shared";
import { revshareAudit } from "../audit-trail";
import { ContentPartner } from "../../entities";

interface PartnerPayload {
  id: string;
  code: string;
  legalName: string;
  types: string[];
  currency: string;
  timezone: string;
  billingCycle: string;
  status: string;
}

/** Revenue share's view of partners, kept current from the `partners` topic; never read from the partners schema. */
export class ContentPartners {
  readonly consumer: EventConsumer;

  constructor(private readonly dataSource: DataSource, wakeups: EventWakeups, logger?: Logger) {
    this.consumer = new EventConsumer(dataSource, wakeups, { name: "revshare.partners", topics: ["partners"], handle: applyPartnerEvent, logger });
  }

  /** A partner; catches up with the log first when the partner is not known yet. */
  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<ContentPartner> {
    const found = await this.find([id], manager);
    const partner = found.get(id);
    if (!partner) throw new NotFoundError("Partner", id);
    return partner;
  }

  /** The partners known by id; the log is drained once when any is missing (a partner created a moment ago). */
  async find(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, ContentPartner>> {
    const load = async () => new Map((await manager.getRepository(ContentPartner).createQueryBuilder("p").where("p.id = ANY(:ids)", { ids }).getMany()).map((p) => [p.id, p]));
    let found = await load();
    if (found.size < new Set(ids).size) {
      await this.consumer.drain();
      found = await load();
    }
    return found;
  }

  /**
   * Where a partner's scheduled statements begin, for a partner whose transactions predate it in the hub: the first
   * scheduled run covers the period holding this local date. Only before its first scheduled run, so nothing is skipped or run twice.
   */
  async setStatementStart(principal: Principal, partnerId: string, date: string): Promise<ContentPartner> {
    if (!isIsoDate(date)) throw new BadUserInputError([{ field: "date", message: "must be a date YYYY-MM-DD" }]);
    await this.get(partnerId);
    return this.dataSource.transaction(async (manager) => {
      const partner = await manager.findOneOrFail(ContentPartner, { where: { id: partnerId }, lock: { mode: "pessimistic_write" } });
      if (partner.statementsThrough) throw new ConflictError("The partner's scheduled statements have started; run earlier periods on demand instead", { field: "date" });
      const before = auditSnapshot(partner);
      partner.statementStart = startOfLocalDate(date, partner.timezone);
      const saved = await manager.save(partner);
      await revshareAudit.record(manager, principal, { entityType: AuditedEntity.STATEMENT_SCHEDULE, entityId: partnerId, partnerId, action: "statement_schedule.start_set", before, after: auditSnapshot(saved) });
      return saved;
    });
  }

  /** Partners that are party to at least one content service: the ones statements are run for. */
  parties(): Promise<ContentPartner[]> {
    return this.dataSource.getRepository(ContentPartner).createQueryBuilder("p")
      .where(`EXISTS (SELECT 1 FROM revshare.content_service s WHERE p.id IN (s.provider_id, s.aggregator_id, s.enabler_id))`)
      .orderBy("p.code")
      .getMany();
  }
}

async function applyPartnerEvent(event: EventRecord, manager: EntityManager): Promise<void> {
  if (!event.type.startsWith("partner.")) return;
  const p = event.payload as PartnerPayload;
  await manager.query(
    `INSERT INTO revshare.partner (id, code, legal_name, types, currency, timezone, billing_cycle, status, statement_start)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, legal_name = EXCLUDED.legal_name, types = EXCLUDED.types, currency = EXCLUDED.currency,
       timezone = EXCLUDED.timezone, billing_cycle = EXCLUDED.billing_cycle, status = EXCLUDED.status`,
    [p.id, p.code, p.legalName, p.types, p.currency, p.timezone, p.billingCycle, p.status, event.occurredAt],
  );
}
