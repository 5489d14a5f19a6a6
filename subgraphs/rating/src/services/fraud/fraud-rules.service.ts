import type { DataSource, EntityManager } from "typeorm";
import { assertNoProblems, auditSnapshot, AuditedEntity, type Principal } from "@intersettle/shared";
import { ratingAudit } from "../audit-trail";
import { FraudRulesEntity } from "../../entities";
import { applyRulesPatch, pumpingWatch, withDefaults, type FraudRuleSet, type FraudRulesPatch, type PumpingWatch } from "../../domain/fraud/fraud-rules";
import type { PartnerDirectory } from "../partner-settings/partner-directory";

export interface PartnerFraudRules {
  partnerId: string;
  rules: FraudRuleSet;
  /** When an operator last set them; null: the defaults. */
  updatedAt: Date | null;
}

/** Each partner's fraud rules: the defaults until an operator sets them; every change audited. */
export class FraudRulesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly partners: PartnerDirectory,
  ) {}

  async get(partnerId: string): Promise<PartnerFraudRules> {
    await this.partners.get(partnerId);
    return this.rulesIn(this.dataSource.manager, partnerId);
  }

  async rulesIn(manager: EntityManager, partnerId: string): Promise<PartnerFraudRules> {
    const stored = await manager.findOneBy(FraudRulesEntity, { partnerId });
    return { partnerId, rules: withDefaults(stored?.rules), updatedAt: stored?.updatedAt ?? null };
  }

  /** Changes the rules given (the others stay); thresholds out of bounds are refused, each named. */
  async set(principal: Principal, partnerId: string, patch: FraudRulesPatch): Promise<PartnerFraudRules> {
    await this.partners.get(partnerId);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`fraud-rules:${partnerId}`]);
      const before = await this.rulesIn(manager, partnerId);
      const { rules, problems } = applyRulesPatch(before.rules, patch);
      assertNoProblems(problems);
      const [saved] = (await manager.query(
        `INSERT INTO rating.fraud_rules (partner_id, rules, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (partner_id) DO UPDATE SET rules = EXCLUDED.rules, updated_at = now() RETURNING updated_at`,
        [partnerId, JSON.stringify(rules)],
      )) as Array<{ updated_at: Date }>;
      // The hub's own business: a partner learning its thresholds could stay just under them.
      await ratingAudit.record(manager, principal, {
        entityType: AuditedEntity.FRAUD_RULES, entityId: partnerId, partnerId: null, action: "fraud_rules.set",
        before: before.updatedAt ? auditSnapshot(before.rules) : null, after: auditSnapshot(rules),
      });
      return { partnerId, rules, updatedAt: saved.updated_at };
    });
  }

  /** The pumping rules rating threads watch calls for, per partner of a job. */
  async pumpingWatches(partnerIds: string[]): Promise<Array<[string, PumpingWatch]>> {
    const stored = partnerIds.length === 0 ? [] : await this.dataSource.getRepository(FraudRulesEntity).createQueryBuilder("r").where("r.partner_id = ANY(:ids)", { ids: partnerIds }).getMany();
    const byPartner = new Map(stored.map((s) => [s.partnerId, s.rules]));
    return partnerIds.flatMap((id) => {
      const watch = pumpingWatch(withDefaults(byPartner.get(id)));
      return watch ? [[id, watch] as [string, PumpingWatch]] : [];
    });
  }
}
