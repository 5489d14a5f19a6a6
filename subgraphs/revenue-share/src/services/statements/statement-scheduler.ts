import type { Logger, Principal } from "@intersettle/shared";
import { statementPeriodsDue } from "../../domain";
import { StatementRunTrigger, type ContentPartner } from "../../entities";
import type { ContentPartners } from "../partners/content-partners";
import type { ContentServices } from "../catalog/content-services";
import type { StatementRuns } from "./statement-runs";
import { UsageReadings, type UsageSource } from "./usage-source";
import type { BillingCycle, CycleState, Period } from "@intersettle/shared";

export const STATEMENT_SCHEDULER: Principal = { kind: "service", service: "revshare-scheduler" };

export function cycleState(partner: ContentPartner): CycleState {
  return { cycle: partner.billingCycle as BillingCycle, timezone: partner.timezone, billedThrough: partner.statementsThrough ?? undefined, billingStart: partner.statementStart };
}

/**
 * The hub's statement clock. Each tick runs, for every partner party to a content service, each period of its cycle
 * that has closed in its timezone since the last one run (all of them, oldest first, after a stop). Progress is the
 * durable statements-through mark, moved in the run's transaction under the partner's row lock: a restart resumes
 * where it stopped, and no period is run twice by the schedule.
 */
export class StatementScheduler {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  private halting = false;

  constructor(
    private readonly partners: ContentPartners,
    private readonly services: ContentServices,
    private readonly runs: StatementRuns,
    private readonly usage: UsageSource,
    private readonly tickMs: number,
    private readonly logger?: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.halting = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.halting = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass over every party (or one partner); returns how many periods were run. */
  async tick(now: Date = new Date(), partnerId?: string): Promise<number> {
    await this.partners.consumer.drain();
    const readings = new UsageReadings(this.usage);
    let ran = 0;
    const partners = partnerId ? [await this.partners.get(partnerId)] : await this.partners.parties();
    const due = new Map(partners.map((p) => [p.id, statementPeriodsDue(cycleState(p), now)]));
    await this.readAhead(partners, due, readings);
    for (const partner of partners) {
      for (const period of due.get(partner.id)!) {
        if (this.halting) return ran;
        try {
          if (await this.runs.run(STATEMENT_SCHEDULER, partner.id, period, StatementRunTrigger.SCHEDULE, readings)) ran++;
        } catch (err) {
          // The mark did not move: the period is tried again next tick, and later periods wait for it.
          this.logger?.error({ err, partner: partner.code, period: period.firstDate }, "scheduled statement run failed");
          break;
        }
      }
    }
    return ran;
  }

  /**
   * Reads each due period's usage for every service of the partners due in it, in one query a period: partners whose
   * cycles and timezones agree (a month in one country) then share one pass over the period's transactions.
   */
  private async readAhead(partners: ContentPartner[], due: Map<string, Period[]>, readings: UsageReadings): Promise<void> {
    const byPeriod = new Map<string, { period: Period; services: Set<string> }>();
    for (const partner of partners) {
      const periods = due.get(partner.id)!;
      if (periods.length === 0) continue;
      const services = (await this.services.ofParty(partner.id)).map((s) => s.id);
      for (const period of periods) {
        const key = `${period.start.toISOString()}|${period.end.toISOString()}`;
        const group = byPeriod.get(key) ?? { period, services: new Set<string>() };
        services.forEach((id) => group.services.add(id));
        byPeriod.set(key, group);
      }
    }
    for (const { period, services } of byPeriod.values()) await readings.usage([...services], period);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((err) => this.logger?.error({ err }, "statement scheduler tick failed"))
        .then(() => this.schedule(this.tickMs));
    }, delay);
    this.timer.unref();
  }
}
