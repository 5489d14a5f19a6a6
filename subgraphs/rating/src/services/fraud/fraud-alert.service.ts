import type { DataSource, EntityManager } from "typeorm";
import { appendEvent, auditSnapshot, AuditedEntity, ConflictError, describePrincipal, newId, NotFoundError, PartnerScope, type NewEvent, type Page, type PageArgs, type Principal } from "@intersettle/shared";
import { ratingAudit } from "../audit-trail";
import { FraudAlert } from "../../entities";
import { FraudAlertStatus, type Finding } from "../../domain/fraud/fraud-findings";
import type { FraudRule } from "../../domain/fraud/fraud-rules";
import type { SampleCall } from "../../domain/fraud/call-signals";

export interface FraudAlertFilter {
  partnerId?: string;
  status?: FraudAlertStatus;
  rule?: FraudRule;
  from?: Date;
  to?: Date;
}

/** Who raises alerts: the fraud monitor, on the traffic events. */
export const FRAUD_MONITOR: Principal = { kind: "service", service: "rating.fraud-monitor" };

export const ALERT_RAISED = "fraud.alert_raised";

/** The payload of `fraud` topic events: what the partners subgraph blocks on, and what subscribers see. */
export interface FraudAlertPayload {
  alertId: string;
  partnerId: string;
  rule: FraudRule;
  subject: string;
  severity: string;
  status: FraudAlertStatus;
  autoBlock: boolean;
  summary: string;
  windowStart: string;
  windowEnd: string;
  evidence: Record<string, unknown>;
}

/** Fraud alerts: raised once per partner, rule, subject and window; acknowledged and closed by operators; all audited. */
export class FraudAlertService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Raises an alert for a finding in the caller's transaction, unless one exists for its partner, rule, subject and window
   * (whatever its status: a closed alert is not raised again for the same window). `sample` finds calls to show when the
   * finding brought none. Answers the `fraud.alert_raised` event for the caller to append last (appending holds the event
   * log's lock until commit).
   */
  async raise(manager: EntityManager, partnerId: string, autoBlock: boolean, finding: Finding, sample: () => Promise<SampleCall[]>): Promise<NewEvent<FraudAlertPayload> | undefined> {
    const key = [partnerId, finding.rule, finding.subject, finding.windowStart];
    const [known] = (await manager.query(`SELECT 1 FROM rating.fraud_alert WHERE partner_id = $1 AND rule = $2 AND subject = $3 AND window_start = $4`, key)) as unknown[];
    if (known) return undefined;
    const samples = finding.samples.length > 0 ? finding.samples : await sample();
    const evidence = { window: { start: finding.windowStart.toISOString(), end: finding.windowEnd.toISOString() }, figures: finding.figures, sampleCalls: samples };
    const [row] = (await manager.query(
      `INSERT INTO rating.fraud_alert (id, partner_id, rule, subject, window_start, window_end, severity, status, auto_block, summary, evidence)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'OPEN', $8, $9, $10) ON CONFLICT (partner_id, rule, subject, window_start) DO NOTHING RETURNING id`,
      [newId(), partnerId, finding.rule, finding.subject, finding.windowStart, finding.windowEnd, finding.severity, autoBlock, finding.summary.slice(0, 2000), JSON.stringify(evidence)],
    )) as Array<{ id: string }>;
    if (!row) return undefined;
    const alert = await manager.findOneByOrFail(FraudAlert, { id: row.id });
    await ratingAudit.record(manager, FRAUD_MONITOR, { entityType: AuditedEntity.FRAUD_ALERT, entityId: alert.id, partnerId: null, action: "fraud_alert.raised", before: null, after: auditSnapshot(alert) });
    return { topic: "fraud", type: ALERT_RAISED, key: partnerId, producer: "rating", payload: payloadOf(alert) };
  }

  acknowledge(principal: Principal, id: string, note: string | null): Promise<FraudAlert> {
    return this.change(principal, id, "acknowledged", (alert) => {
      if (alert.status === FraudAlertStatus.CLOSED) throw new ConflictError("This alert is closed; it cannot be acknowledged", { status: alert.status });
      alert.status = FraudAlertStatus.ACKNOWLEDGED;
      alert.acknowledgedAt ??= new Date();
      alert.acknowledgedBy ??= describePrincipal(principal);
      if (note !== null) alert.note = note;
    });
  }

  close(principal: Principal, id: string, resolution: string): Promise<FraudAlert> {
    return this.change(principal, id, "closed", (alert) => {
      if (alert.status === FraudAlertStatus.CLOSED) throw new ConflictError("This alert is closed already", { status: alert.status });
      alert.status = FraudAlertStatus.CLOSED;
      alert.closedAt = new Date();
      alert.closedBy = describePrincipal(principal);
      alert.resolution = resolution;
    });
  }

  /** Alerts by raising time, through the caller's partner scope. */
  list(principal: Principal, filter: FraudAlertFilter, page: PageArgs): Promise<Page<FraudAlert>> {
    const scope = PartnerScope.of(principal);
    const partnerId = scope.partnerFilter(filter.partnerId);
    const q = this.dataSource.getRepository(FraudAlert).createQueryBuilder("a");
    if (partnerId) q.andWhere("a.partner_id = :partnerId", { partnerId });
    if (filter.status) q.andWhere("a.status = :status", { status: filter.status });
    if (filter.rule) q.andWhere("a.rule = :rule", { rule: filter.rule });
    if (filter.from) q.andWhere("a.raised_at >= :from", { from: filter.from });
    if (filter.to) q.andWhere("a.raised_at < :to", { to: filter.to });
    return scope.page(q, page, [
      { column: "a.raised_at", value: (a) => a.raisedAt },
      { column: "a.id", value: (a) => a.id },
    ]);
  }

  byIds(principal: Principal, ids: readonly string[]): Promise<Array<FraudAlert | null>> {
    return PartnerScope.of(principal).byIds(this.dataSource, FraudAlert, ids);
  }

  private change(principal: Principal, id: string, verb: "acknowledged" | "closed", apply: (alert: FraudAlert) => void): Promise<FraudAlert> {
    return this.dataSource.transaction(async (manager) => {
      const alert = await manager.findOne(FraudAlert, { where: { id }, lock: { mode: "pessimistic_write" } });
      if (!alert) throw new NotFoundError("FraudAlert", id);
      const before = auditSnapshot(alert);
      apply(alert);
      const saved = await manager.save(alert);
      await ratingAudit.record(manager, principal, { entityType: AuditedEntity.FRAUD_ALERT, entityId: id, partnerId: null, action: `fraud_alert.${verb}`, before, after: auditSnapshot(saved) });
      await appendEvent(manager, { topic: "fraud", type: `fraud.alert_${verb}`, key: saved.partnerId, producer: "rating", payload: payloadOf(saved) });
      return saved;
    });
  }
}

function payloadOf(alert: FraudAlert): FraudAlertPayload {
  return {
    alertId: alert.id,
    partnerId: alert.partnerId,
    rule: alert.rule,
    subject: alert.subject,
    severity: alert.severity,
    status: alert.status,
    autoBlock: alert.autoBlock,
    summary: alert.summary,
    windowStart: alert.windowStart.toISOString(),
    windowEnd: alert.windowEnd.toISOString(),
    evidence: alert.evidence,
  };
}

