import type { DataSource, EntityManager } from "typeorm";
import { appendEvents, EventConsumer, PeriodUnit, periodContaining, type EventRecord, type EventWakeups, type Logger, type NewEvent } from "@intersettle/shared";
import { convertAmount, type FxLookup } from "@intersettle/shared";
import { FraudRule, type FraudRuleSet } from "../../domain/fraud/fraud-rules";
import { irsfFindings, newDestinationFindings, pumpingFindings, spendFindings, surgeFindings, type Finding, type SpendWindow } from "../../domain/fraud/fraud-findings";
import type { TrafficBatchPayload } from "../../domain/traffic/traffic-batch";
import { TRAFFIC_BATCH } from "../traffic/traffic-events";
import type { FxService } from "../reference-data/fx.service";
import type { FraudRulesService } from "./fraud-rules.service";
import type { FraudAlertService } from "./fraud-alert.service";
import { countSignals, destinationHours, pruneCounters, recentDestinations, sampleCalls, spendIn, type Conversion } from "./fraud-windows";

/** Which rule setting decides whether an alert of a rule blocks the partner. */
const RULE_SETTINGS: Record<FraudRule, keyof FraudRuleSet> = {
  [FraudRule.SPEND_PER_HOUR]: "spendPerHour",
  [FraudRule.SPEND_PER_DAY]: "spendPerDay",
  [FraudRule.DESTINATION_SURGE]: "destinationSurge",
  [FraudRule.IRSF_RANGE]: "irsf",
  [FraudRule.TRAFFIC_PUMPING]: "trafficPumping",
  [FraudRule.NEW_DESTINATION]: "newDestination",
};

/**
 * Evaluates every partner's fraud rules on its traffic as it is ingested: a durable consumer of the `traffic.batch`
 * events, so ingestion never waits for it, a restart misses no block, and no block is evaluated twice (the alerts it
 * raises commit with the consumer's cursor). Each customer leg's batch is checked against the windows it touched.
 */
export class FraudMonitor {
  readonly consumer: EventConsumer;
  private handled = 0;

  constructor(
    private readonly dataSource: DataSource,
    wakeups: EventWakeups,
    private readonly rules: FraudRulesService,
    private readonly alerts: FraudAlertService,
    private readonly fx: FxService,
    logger?: Logger,
  ) {
    // One event per transaction: one that raises an alert holds the event log's append lock (which ingestion's writes take
    // too) from its append to its commit, right after.
    this.consumer = new EventConsumer(dataSource, wakeups, { name: "rating.fraud-monitor", topics: ["traffic"], batchSize: 1, handle: (event, manager) => this.handle(event, manager), logger });
  }

  private async handle(event: EventRecord, manager: EntityManager): Promise<void> {
    if (event.type !== TRAFFIC_BATCH) return;
    const batch = event.payload as TrafficBatchPayload;
    // Re-rating changes the price of calls already judged; the rules look at calls as they come in.
    if (batch.kind !== "INGEST" || batch.role !== "CUSTOMER" || batch.calls <= 0) return;
    const { rules } = await this.rules.rulesIn(manager, batch.partnerId);
    const [settings] = (await manager.query(`SELECT currency, timezone FROM rating.partner_settings WHERE partner_id = $1`, [batch.partnerId])) as Array<{ currency: string; timezone: string }>;
    const currency = settings?.currency.trim() ?? batch.currency;
    const findings = [
      ...irsfFindings(rules.irsf, await countSignals(manager, batch.partnerId, FraudRule.IRSF_RANGE, rules.irsf.enabled ? (batch.signals?.irsf ?? []) : [])),
      ...pumpingFindings(rules.trafficPumping, await countSignals(manager, batch.partnerId, FraudRule.TRAFFIC_PUMPING, rules.trafficPumping.enabled ? (batch.signals?.shortCalls ?? []) : [])),
      ...(await this.spendFindings(manager, batch, rules, currency, settings?.timezone ?? "UTC")),
      ...(await this.destinationFindings(manager, batch, rules)),
    ];
    const raised: NewEvent[] = [];
    for (const finding of findings) {
      const autoBlock = rules[RULE_SETTINGS[finding.rule]].autoBlock;
      const event = await this.alerts.raise(manager, batch.partnerId, autoBlock, finding, () => this.samples(manager, batch, finding));
      if (event) raised.push(event);
    }
    if (++this.handled % 500 === 0) await pruneCounters(manager, new Date(Date.now() - 2 * DAY_MS));
    await appendEvents(manager, raised);
  }

  private async spendFindings(manager: EntityManager, batch: TrafficBatchPayload, rules: FraudRuleSet, currency: string, timezone: string): Promise<Finding[]> {
    const convert = this.conversion(currency);
    const from = new Date(batch.from);
    const to = new Date(batch.to);
    const findings: Finding[] = [];
    if (rules.spendPerHour.enabled) {
      const hours = await spendIn(manager, batch.partnerId, hourOf(from), new Date(hourOf(to).getTime() + HOUR_MS), true, convert);
      const windows: SpendWindow[] = hours.map((h) => ({ start: h.start, end: new Date(h.start.getTime() + HOUR_MS), spend: h.spend, currency }));
      findings.push(...spendFindings(FraudRule.SPEND_PER_HOUR, rules.spendPerHour, windows));
    }
    if (rules.spendPerDay.enabled) {
      // The partner's own days; hours are UTC, so a zone off the hour counts each hour in the day it starts in.
      const days = new Map<number, { start: Date; end: Date }>();
      for (let at = from; at <= to; at = new Date(at.getTime() + DAY_MS)) {
        const day = periodContaining(at, PeriodUnit.DAY, timezone);
        days.set(day.start.getTime(), day);
      }
      const last = periodContaining(to, PeriodUnit.DAY, timezone);
      days.set(last.start.getTime(), last);
      for (const day of days.values()) {
        const [sum] = await spendIn(manager, batch.partnerId, day.start, day.end, false, convert);
        if (sum) findings.push(...spendFindings(FraudRule.SPEND_PER_DAY, rules.spendPerDay, [{ start: day.start, end: day.end, spend: sum.spend, currency }]));
      }
    }
    return findings;
  }

  /** The hours the batch touched, all destinations: another destination busy in them is judged now rather than later. */
  private async destinationFindings(manager: EntityManager, batch: TrafficBatchPayload, rules: FraudRuleSet): Promise<Finding[]> {
    const fromHour = hourOf(new Date(batch.from));
    const toHour = hourOf(new Date(batch.to));
    const findings: Finding[] = [];
    const surge = rules.destinationSurge;
    if (surge.enabled) {
      const cells = await destinationHours(manager, batch.partnerId, fromHour, toHour, surge.minMinutes * 60, surge.baselineDays);
      findings.push(...surgeFindings(surge, cells));
    }
    const fresh = rules.newDestination;
    if (fresh.enabled) {
      const recentEnd = new Date(toHour.getTime() + HOUR_MS);
      const recentStart = new Date(recentEnd.getTime() - DAY_MS);
      const windows = { recentStart, recentEnd, trailingStart: new Date(recentStart.getTime() - fresh.trailingDays * DAY_MS), day: new Date(toHour.getTime() - (toHour.getTime() % DAY_MS)) };
      const { established, rows } = await recentDestinations(manager, batch.partnerId, fresh.minCalls, windows);
      findings.push(...newDestinationFindings(fresh, windows, established, rows));
    }
    return findings;
  }

  /**
   * Calls to show with an alert found from totals: the dearest of the batch's calls in the alert's window, to its
   * destination when it has one (spend: of the last hour only, so a day's alert reads an hour of calls at most).
   */
  private samples(manager: EntityManager, batch: TrafficBatchPayload, finding: Finding) {
    const end = Math.min(finding.windowEnd.getTime(), new Date(batch.to).getTime() + 1);
    let start = Math.max(finding.windowStart.getTime(), new Date(batch.from).getTime());
    const destination = finding.rule === FraudRule.DESTINATION_SURGE || finding.rule === FraudRule.NEW_DESTINATION ? finding.subject : undefined;
    if (!destination) start = Math.max(start, end - HOUR_MS);
    return sampleCalls(manager, batch.partnerId, new Date(start), new Date(end), destination);
  }

  /** Amounts in the partner's currency with the rates in force on each hour's day (read once per day per batch). */
  private conversion(currency: string): Conversion {
    const days = new Map<string, Promise<FxLookup>>();
    return async (amount, from, at) => {
      if (from === currency) return amount;
      const day = at.toISOString().slice(0, 10);
      let lookup = days.get(day);
      if (!lookup) days.set(day, (lookup = this.fx.lookupOn(day)));
      return convertAmount(amount, from, currency, await lookup, this.fx.hubCurrency);
    };
  }
}

const hourOf = (at: Date) => new Date(at.getTime() - (at.getTime() % HOUR_MS));
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
