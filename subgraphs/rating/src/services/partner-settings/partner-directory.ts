import type { DataSource, EntityManager } from "typeorm";
import { EventConsumer, NotFoundError, type EventRecord, type EventWakeups, type Logger, type RoundingMode } from "@intersettle/shared";
import { PartnerSettings } from "../../entities";

interface PartnerPayload {
  id: string;
  code: string;
  currency: string;
  timezone: string;
  status: string;
  rounding: { decimals: number; mode: string; scope: string };
}

export interface PartnerRounding {
  decimals: number;
  mode: RoundingMode;
  perCdr: boolean;
}

/** Rating's view of partners: the settings it needs, kept current by consuming the partners topic. */
export class PartnerDirectory {
  readonly consumer: EventConsumer;

  constructor(private readonly dataSource: DataSource, wakeups: EventWakeups, logger?: Logger) {
    this.consumer = new EventConsumer(dataSource, wakeups, { name: "rating.partner-settings", topics: ["partners"], handle: applyPartnerEvent, logger });
  }

  /** A partner's settings; catches up with the log first when the partner is not known yet. */
  async get(partnerId: string): Promise<PartnerSettings> {
    const repo = this.dataSource.getRepository(PartnerSettings);
    let settings = await repo.findOneBy({ partnerId });
    if (!settings) {
      await this.consumer.drain();
      settings = await repo.findOneBy({ partnerId });
    }
    if (!settings) throw new NotFoundError("Partner", partnerId);
    return settings;
  }

  /** The partners BLOCKED now (a handful at most): their calls are still stored and rated, and marked. */
  async blockedIds(): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT partner_id FROM rating.partner_settings WHERE status = 'BLOCKED' ORDER BY partner_id`)) as Array<{ partner_id: string }>;
    return rows.map((r) => r.partner_id);
  }

  /** Invoicing currencies of the partners rating knows among `partnerIds`. */
  async currencies(partnerIds: string[]): Promise<Map<string, string>> {
    const rows = (await this.dataSource.query(`SELECT partner_id, currency FROM rating.partner_settings WHERE partner_id = ANY($1)`, [partnerIds])) as Array<{ partner_id: string; currency: string }>;
    return new Map(rows.map((r) => [r.partner_id, r.currency]));
  }

  async rounding(partnerId: string): Promise<PartnerRounding> {
    const s = await this.get(partnerId);
    return { decimals: s.roundingDecimals, mode: s.roundingMode as RoundingMode, perCdr: s.roundingScope === "PER_CDR" };
  }
}

async function applyPartnerEvent(event: EventRecord, manager: EntityManager): Promise<void> {
  if (!event.type.startsWith("partner.")) return;
  const p = event.payload as PartnerPayload;
  await manager.query(
    `INSERT INTO rating.partner_settings (partner_id, code, currency, timezone, rounding_decimals, rounding_mode, rounding_scope, status, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
     ON CONFLICT (partner_id) DO UPDATE SET code = EXCLUDED.code, currency = EXCLUDED.currency, timezone = EXCLUDED.timezone,
       rounding_decimals = EXCLUDED.rounding_decimals, rounding_mode = EXCLUDED.rounding_mode, rounding_scope = EXCLUDED.rounding_scope,
       status = EXCLUDED.status, updated_at = now()`,
    [p.id, p.code, p.currency, p.timezone, p.rounding.decimals, p.rounding.mode, p.rounding.scope, p.status],
  );
}
