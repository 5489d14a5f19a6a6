import type { DataSource } from "typeorm";
import { type NormalizedCdr } from "@intersettle/shared";
import { auditSnapshot, AuditedEntity, BadUserInputError, Decimal, describePrincipal, newId, type Principal } from "@intersettle/shared";
import { ratingAudit } from "../audit-trail";
import { rateCdr } from "../../domain/mediation/rate-cdr";
import type { RatedService } from "@intersettle/shared";
import { FxHistory, type FxLookup } from "@intersettle/shared";
import type { LegDestinationFigures } from "../../domain/traffic/traffic-batch";
import { addTraffic, copyBatch, legFiguresSql } from "./cdr-chunk-writer";
import { trafficBatchEvents, type TrafficEventSettings } from "../traffic/traffic-events";
import { RATED_CDR_COLUMNS, RatedCdrBatch } from "./rated-cdr-batch";
import { loadSourceRating, type SourceRating } from "./partner-pricing";
import type { CdrSourceService } from "./cdr-source.service";
import type { DestinationLabels } from "../reference-data/destination-labels";
import type { FxService } from "../reference-data/fx.service";
import type { PartnerAgreements } from "../partner-settings/partner-agreements";
import type { PartnerDirectory } from "../partner-settings/partner-directory";
import type { RatingCardCache } from "../tariffs/rating-card-cache";

export interface RerateRequest {
  /** Calls of this partner (either leg), plus unrated calls, in the period; unset: every call in the period. */
  partnerId?: string;
  from: Date;
  to: Date;
  /** Only calls that are still UNRATED (after a mapping or rate fix). */
  unratedOnly?: boolean;
}

export interface MoneyTotal {
  side: "REVENUE" | "COST";
  currency: string;
  amount: string;
}

interface StoredCall {
  source_id: string;
  call_id: string;
  start_time: Date;
  job_id: string;
  line: number;
  duration: number;
  units: number;
  service: string;
  a_number: string;
  b_number: string;
  ingress: string;
  egress: string;
  account: string;
  disposition: string;
  status: string;
  revenue: string | null;
  revenue_currency: string | null;
  cost: string | null;
  cost_currency: string | null;
}

// Whether a partner was BLOCKED when a call was first rated stays as it was: it is what happened, not a price.
const UPDATABLE = RATED_CDR_COLUMNS.filter((c) => !["source_id", "call_id", "start_time", "job_id", "line", "customer_blocked", "vendor_blocked"].includes(c));

/**
 * Re-rates stored calls with today's mappings and rate cards (the rate in force at each call's start), in
 * batches. Traffic aggregates lose each call's old contribution and gain its new one in the same
 * transaction; the job records revenue and cost before and after.
 */
/** A finished re-rating run: how many calls, how many changed, and money before and after per side and currency. */
export interface RerateOutcome {
  id: string;
  status: string;
  calls: number;
  changed: number;
  totalsBefore: MoneyTotal[];
  totalsAfter: MoneyTotal[];
}

export class RerateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sources: CdrSourceService,
    private readonly partners: PartnerDirectory,
    private readonly agreements: PartnerAgreements,
    private readonly cache: RatingCardCache,
    private readonly fx: FxService,
    private readonly destinations: DestinationLabels,
  ) {}

  async rerate(principal: Principal, request: RerateRequest): Promise<RerateOutcome> {
    if (request.to <= request.from) throw new BadUserInputError([{ field: "to", message: "must be after from" }]);
    const jobId = newId();
    const requested = { partnerId: request.partnerId ?? null, from: request.from, to: request.to, unratedOnly: !!request.unratedOnly };
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO rating.rerate_job (id, partner_id, period_from, period_to, unrated_only, status, requested_by) VALUES ($1, $2, $3, $4, $5, 'RUNNING', $6)`, [
        jobId, requested.partnerId, request.from, request.to, requested.unratedOnly, describePrincipal(principal),
      ]);
      await ratingAudit.record(manager, principal, { entityType: AuditedEntity.RERATE_JOB, entityId: jobId, partnerId: null, action: "rerate_job.started", before: null, after: auditSnapshot(requested) });
    });
    try {
      const labels = await this.destinations.load();
      const events = { jobId, kind: "RERATE" as const, baseCurrency: this.fx.hubCurrency, fx: new FxHistory(await this.fx.records()), blocked: await this.partners.blockedIds() };
      const perSource = new Map<string, SourceRating>();
      const fxByDay = new Map<string, FxLookup>();
      const before = new Map<string, Decimal>();
      const after = new Map<string, Decimal>();
      let calls = 0;
      let changed = 0;
      let cursor: [Date, string, string] | null = null;
      for (;;) {
        const batch = (await this.dataSource.query(
          `SELECT source_id, call_id, start_time, job_id, line, duration, units, service, a_number, b_number, ingress, egress, account, disposition, status, revenue, revenue_currency, cost, cost_currency
             FROM rating.rated_cdr
            WHERE start_time >= $1 AND start_time < $2
              AND ($3::boolean IS NOT TRUE OR status = 'UNRATED')
              AND ($4::uuid IS NULL OR customer_id = $4 OR vendor_id = $4 OR status = 'UNRATED')
              AND ($5::timestamptz IS NULL OR (start_time, source_id, call_id) > ($5, $6::uuid, $7::text))
            ORDER BY start_time, source_id, call_id LIMIT 5000`,
          [request.from, request.to, !!request.unratedOnly, request.partnerId ?? null, cursor?.[0] ?? null, cursor?.[1] ?? null, cursor?.[2] ?? null],
        )) as StoredCall[];
        if (batch.length === 0) break;
        const last = batch[batch.length - 1];
        cursor = [last.start_time, last.source_id, last.call_id];
        const rows = new RatedCdrBatch(this.fx.hubCurrency);
        for (const call of batch) {
          const context = await this.sourceContext(perSource, call.source_id);
          const day = call.start_time.toISOString().slice(0, 10);
          let fx = fxByDay.get(day);
          if (!fx) fxByDay.set(day, (fx = await this.fx.lookupOn(day)));
          const cdr: NormalizedCdr = {
            callId: call.call_id, start: call.start_time, durationSeconds: call.duration, aNumber: call.a_number, bNumber: call.b_number,
            ingress: call.ingress, egress: call.egress, account: call.account, disposition: call.disposition, service: call.service as RatedService, units: call.units,
          };
          const rated = rateCdr(cdr, context.trunks, context.billable, context.pricing);
          rows.add(call.source_id, call.job_id, call.line, cdr, rated, labels.label(cdr.bNumber) ?? null, fx);
          add(before, "REVENUE", call.revenue_currency, call.revenue);
          add(before, "COST", call.cost_currency, call.cost);
          add(after, "REVENUE", rated.customer?.currency ?? null, rated.customer?.amount.toFixed() ?? null);
          add(after, "COST", rated.vendor?.currency ?? null, rated.vendor?.amount.toFixed() ?? null);
          if (rated.status !== call.status || rated.customer?.amount.toFixed() !== (call.revenue === null ? undefined : new Decimal(call.revenue).toFixed()) || rated.vendor?.amount.toFixed() !== (call.cost === null ? undefined : new Decimal(call.cost).toFixed())) changed++;
        }
        await this.apply(principal, jobId, rows, batch.length, events);
        calls += batch.length;
      }
      const totals = (m: Map<string, Decimal>): MoneyTotal[] => [...m.entries()].sort().map(([k, v]) => ({ side: k.split("|")[0] as MoneyTotal["side"], currency: k.split("|")[1], amount: v.toFixed() }));
      const outcome = { calls, changed, totalsBefore: totals(before), totalsAfter: totals(after) };
      await this.dataSource.transaction(async (manager) => {
        await manager.query(`UPDATE rating.rerate_job SET status = 'COMPLETED', calls = $2, changed = $3, totals_before = $4, totals_after = $5, finished_at = now() WHERE id = $1`, [
          jobId, calls, changed, JSON.stringify(outcome.totalsBefore), JSON.stringify(outcome.totalsAfter),
        ]);
        await ratingAudit.record(manager, principal, { entityType: AuditedEntity.RERATE_JOB, entityId: jobId, partnerId: null, action: "rerate_job.completed", before: auditSnapshot(requested), after: auditSnapshot({ ...requested, ...outcome }) });
      });
      return { id: jobId, status: "COMPLETED", ...outcome };
    } catch (err) {
      await this.fail(principal, jobId, requested);
      throw err;
    }
  }

  /** A run that stopped on an error ends FAILED, audited: the batches it applied stand, each with its own entry. */
  private async fail(principal: Principal, jobId: string, requested: Record<string, unknown>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE rating.rerate_job SET status = 'FAILED', finished_at = now() WHERE id = $1`, [jobId]);
      await ratingAudit.record(manager, principal, { entityType: AuditedEntity.RERATE_JOB, entityId: jobId, partnerId: null, action: "rerate_job.failed", before: auditSnapshot(requested), after: auditSnapshot({ ...requested, status: "FAILED" }) });
    });
  }

  /**
   * Rewrites a batch of calls and their traffic aggregates, audited in the same transaction, with a `traffic.batch` event
   * per partner leg whose traffic changed (new figures less old).
   */
  private async apply(principal: Principal, jobId: string, rows: RatedCdrBatch, calls: number, events: Omit<TrafficEventSettings, "currencies"> & { blocked: string[] }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await ratingAudit.record(manager, principal, { entityType: AuditedEntity.RERATE_JOB, entityId: jobId, partnerId: null, action: "rerate_job.calls_rerated", before: null, after: { calls } });
      await manager.query(`CREATE TEMP TABLE rerate_staging ON COMMIT DROP AS SELECT * FROM rating.rated_cdr WITH NO DATA`);
      await copyBatch(manager, rows, "rerate_staging");
      const keys = `(source_id, call_id, start_time) IN (SELECT source_id, call_id, start_time FROM rerate_staging)`;
      const [{ legs }] = (await manager.query(
        `SELECT coalesce(json_agg(l), '[]') AS legs FROM (${legFiguresSql([{ from: `rating.rated_cdr WHERE (${keys})`, sign: -1 }, { from: "rerate_staging", sign: 1 }])}) l`,
      )) as Array<{ legs: LegDestinationFigures[] }>;
      await addTraffic(manager, "rating.rated_cdr", keys, -1);
      await manager.query(
        `UPDATE rating.rated_cdr r SET (${UPDATABLE.join(", ")}) = (${UPDATABLE.map((c) => `s.${c}`).join(", ")})
           FROM rerate_staging s WHERE r.source_id = s.source_id AND r.call_id = s.call_id AND r.start_time = s.start_time`,
      );
      await addTraffic(manager, "rerate_staging", "true", 1);
      const currencies = await this.partners.currencies([...new Set(legs.map((l) => l.partnerId))]);
      await trafficBatchEvents({ ...events, currencies }, events.blocked).append(manager, legs, true);
    });
  }

  private async sourceContext(cache: Map<string, SourceRating>, sourceId: string): Promise<SourceRating> {
    let context = cache.get(sourceId);
    if (!context) {
      const source = await this.sources.get(sourceId);
      context = await loadSourceRating(this.dataSource, this.sources, this.partners, this.agreements, this.cache, source);
      cache.set(sourceId, context);
    }
    return context;
  }
}

function add(totals: Map<string, Decimal>, side: string, currency: string | null, amount: string | null): void {
  if (!currency || amount === null) return;
  const key = `${side}|${currency}`;
  totals.set(key, (totals.get(key) ?? new Decimal(0)).plus(amount));
}
