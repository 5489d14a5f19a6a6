import type { DataSource, EntityManager } from "typeorm";
import { AuditedEntity, auditSnapshot, BadUserInputError, isIsoDate, newId, startOfLocalDate, type BillingCycle, type Period, type Principal } from "@intersettle/shared";
import { noUsage, settlePeriod, statementLines, statementPeriodContaining, statementTotal, type LateUsage, type PeriodSettlement, type ServiceSettlement } from "../../domain";
import { agreementTerms, ContentPartner, ShareAgreement, Statement, StatementRun, StatementRunTrigger, StatementStatus, type ContentService } from "../../entities";
import type { ContentPartners } from "../partners/content-partners";
import type { ContentServices } from "../catalog/content-services";
import type { ShareAgreements } from "../catalog/share-agreements";
import { isNoUsage, statedPeriods, usageSince, type StatedPeriod } from "./stated-usage";
import { insertLines, insertUsage, newStatement, type UsageRow } from "./statement-store";
import type { UsageSource } from "./usage-source";
import { revshareAudit } from "../audit-trail";

export interface StatementRunSettings {
  /** How many earlier stated periods per service a run re-reads for late refunds and chargebacks (INTERSETTLE_REVSHARE_LATE_PERIODS). */
  latePeriods: number;
}

/** One service settled for the run's period, with the usage rows its statement records. */
interface Settled {
  service: ContentService;
  settlement: PeriodSettlement;
  usage: UsageRow[];
}

/**
 * Statement runs: for one partner and one period of its cycle, every service it is party to is settled by the domain
 * under the agreement version in force on the period's first day, with the late refunds and chargebacks of earlier,
 * published periods re-settled beside it; the partner's lines become one DRAFT statement per currency. Re-running
 * redraws the drafts; a published statement is never touched (what changed lands on the next one).
 */
export class StatementRuns {
  constructor(
    private readonly dataSource: DataSource,
    private readonly partners: ContentPartners,
    private readonly services: ContentServices,
    private readonly agreements: ShareAgreements,
    private readonly usage: UsageSource,
    private readonly settings: StatementRunSettings,
  ) {}

  /**
   * Runs one period. A scheduled run moves the partner's statements-through mark and does nothing when the mark has
   * already passed the period (another replica, a retry): the partner's row, locked for the run, is its lease.
   */
  async run(principal: Principal, partnerId: string, period: Period, trigger: StatementRunTrigger, usage: UsageSource = this.usage): Promise<StatementRun | null> {
    await this.partners.get(partnerId);
    return this.dataSource.transaction(async (manager) => {
      const partner = await manager.findOne(ContentPartner, { where: { id: partnerId }, lock: { mode: "pessimistic_write" } });
      if (!partner) return null;
      if (trigger === StatementRunTrigger.SCHEDULE && partner.statementsThrough && partner.statementsThrough.getTime() !== period.start.getTime()) return null;
      // Locked, so a publication racing this run either lands first (and is seen as published) or waits for it.
      const held = await manager.find(Statement, { where: { partnerId, periodStart: period.start, periodEnd: period.end }, lock: { mode: "pessimistic_write" } });
      // Drafts are redrawn from today's usage; a published statement of the period stays as it is.
      await manager.delete(Statement, { partnerId, periodStart: period.start, periodEnd: period.end, status: StatementStatus.DRAFT });
      const published = new Set(held.filter((s) => s.status !== StatementStatus.DRAFT).map((s) => s.currency));
      // A redrawn draft keeps its id, so links to it (its CSV and PDF, a client's bookmark) stay good.
      const drafts = new Map(held.filter((s) => s.status === StatementStatus.DRAFT).map((s) => [s.currency, s]));

      const services = await this.services.ofParty(partnerId, manager);
      const { settled, unsettled, latePeriods } = await this.settle(manager, partnerId, services, period, usage);
      let statements = 0;
      let lines = 0;
      for (const [currency, group] of byCurrency(settled)) {
        if (published.has(currency)) continue;
        const drawn = statementLines(group.map((s): ServiceSettlement => ({ serviceId: s.service.id, settlement: s.settlement })), partnerId);
        if (drawn.length === 0) continue;
        const redrawn = drafts.get(currency);
        const statement = await manager.save(Object.assign(newStatement(partner, period, statementTotal(currency, drawn)), redrawn && { id: redrawn.id, createdAt: redrawn.createdAt }));
        await insertLines(manager, statement.id, drawn, new Map(group.map((s) => [s.service.id, s.service])));
        await insertUsage(manager, statement.id, group.filter((s) => drawn.some((l) => l.serviceId === s.service.id)).flatMap((s) => s.usage));
        statements++;
        lines += drawn.length;
      }
      const run = await manager.save(
        Object.assign(new StatementRun(), { id: newId(), partnerId, periodStart: period.start, periodEnd: period.end, trigger, statementCount: statements, lines, latePeriods, unsettled, ranAt: new Date() }),
      );
      if (trigger === StatementRunTrigger.SCHEDULE) await manager.update(ContentPartner, { id: partnerId }, { statementsThrough: period.end });
      await revshareAudit.record(manager, principal, { entityType: AuditedEntity.STATEMENT_RUN, entityId: run.id, partnerId, action: "statement_run.completed", before: null, after: auditSnapshot(run) });
      return run;
    });
  }

  /** An operator's run of the closed period of the partner's cycle that holds a local date. */
  async runOnDemand(principal: Principal, partnerId: string, date: string, now: Date = new Date()): Promise<StatementRun> {
    if (!isIsoDate(date)) throw new BadUserInputError([{ field: "date", message: "must be a date YYYY-MM-DD" }]);
    const partner = await this.partners.get(partnerId);
    const period = statementPeriodContaining({ cycle: partner.billingCycle as BillingCycle, timezone: partner.timezone }, startOfLocalDate(date, partner.timezone));
    if (period.end > now) throw new BadUserInputError([{ field: "date", message: `the period ${period.firstDate}…${period.lastDate} has not closed yet in ${partner.timezone}` }]);
    return (await this.run(principal, partnerId, period, StatementRunTrigger.ON_DEMAND))!;
  }

  /** Each service with usage or late items, settled; services with usage but no agreement in force are named. */
  private async settle(manager: EntityManager, partnerId: string, services: ContentService[], period: Period, usage: UsageSource) {
    const ids = services.map((s) => s.id);
    const own = await usage.usage(ids, period);
    const late = await this.lateItems(manager, partnerId, ids, period, usage);
    const settled: Settled[] = [];
    const unsettled: string[] = [];
    for (const service of services) {
      const used = own.get(service.id) ?? noUsage(service.currency);
      const items = late.filter((l) => l.stated.serviceId === service.id);
      if (isNoUsage(used) && items.length === 0) continue;
      const agreement = await this.agreements.inForce(service.id, period.firstDate, manager);
      if (!agreement && !isNoUsage(used)) unsettled.push(service.code);
      if (!agreement && items.length === 0) continue;
      // Without terms for this period, late items still settle under their own period's terms.
      const terms = agreement ? agreementTerms(agreement) : items[items.length - 1].terms;
      const lateUsage: LateUsage[] = items.map((l) => ({ firstDate: l.stated.period.firstDate, lastDate: l.stated.period.lastDate, terms: l.terms, stated: l.stated.stated, late: l.delta }));
      const settlement = settlePeriod(terms, agreement ? used : noUsage(terms.currency), lateUsage);
      const rows: UsageRow[] = items.map((l) => ({ serviceId: service.id, period: l.stated.period, late: true, agreementId: l.stated.agreementId, usage: l.delta }));
      if (agreement) rows.unshift({ serviceId: service.id, period, late: false, agreementId: agreement.id, usage: used });
      settled.push({ service, settlement, usage: rows });
    }
    return { settled, unsettled, latePeriods: new Set(late.map((l) => l.stated.period.start.getTime())).size };
  }

  /** Earlier stated periods whose usage changed since: today's reading less what was stated. */
  private async lateItems(manager: EntityManager, partnerId: string, serviceIds: string[], period: Period, usage: UsageSource) {
    const stated = await statedPeriods(manager, partnerId, serviceIds, period.start, this.settings.latePeriods);
    const byPeriod = new Map<number, StatedPeriod[]>();
    for (const s of stated) byPeriod.set(s.period.start.getTime(), [...(byPeriod.get(s.period.start.getTime()) ?? []), s]);
    const items: Array<{ stated: StatedPeriod; delta: NonNullable<ReturnType<typeof usageSince>>; terms: ReturnType<typeof agreementTerms> }> = [];
    for (const group of byPeriod.values()) {
      const today = await usage.usage(group.map((s) => s.serviceId), group[0].period);
      for (const s of group) {
        const delta = usageSince(today.get(s.serviceId) ?? noUsage(s.stated.currency), s.stated);
        if (!delta) continue;
        const agreement = await manager.findOneByOrFail(ShareAgreement, { id: s.agreementId });
        items.push({ stated: s, delta, terms: agreementTerms(agreement) });
      }
    }
    return items.sort((a, b) => a.stated.period.start.getTime() - b.stated.period.start.getTime());
  }
}

function byCurrency(settled: Settled[]): Map<string, Settled[]> {
  const groups = new Map<string, Settled[]>();
  for (const s of settled) groups.set(s.settlement.currency, [...(groups.get(s.settlement.currency) ?? []), s]);
  return groups;
}
