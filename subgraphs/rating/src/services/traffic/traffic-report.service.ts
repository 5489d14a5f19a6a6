import type { DataSource } from "typeorm";
import { assertNoProblems, Decimal } from "@intersettle/shared";
import { periodProblems } from "../../domain/traffic/report-period";
import { answerSeizureRatio, averageCallDuration, marginOf, minutesOf } from "../../domain/traffic/traffic-figures";

export type ReportGrouping = "PARTNER" | "DESTINATION" | "DAY";

export interface TrafficReportRow {
  key: string;
  attempts: number;
  answered: number;
  minutes: number;
  asr: number | null;
  acd: number | null;
  revenue: Decimal;
  cost: Decimal;
  margin: Decimal;
}

export interface LeakageReport {
  unrated: Array<{ reason: string; calls: number; minutes: number }>;
  answeredAtZero: number;
  negativeMarginCalls: number;
  negativeMargin: Decimal;
}

const GROUP_KEYS: Record<ReportGrouping, string> = {
  PARTNER: "partner_id::text",
  DESTINATION: "destination",
  DAY: "to_char(hour, 'YYYY-MM-DD')",
};

/** Operators' reports over the hub's traffic: revenue, cost and margin by partner, destination or day, and leakage. */
export class TrafficReportService {
  constructor(private readonly dataSource: DataSource) {}

  async trafficReport(groupBy: ReportGrouping, from: Date, to: Date): Promise<TrafficReportRow[]> {
    assertNoProblems(periodProblems(from, to));
    // Customer rows carry each call once with its revenue and cost; vendor rows would count calls twice.
    const rows = (await this.dataSource.query(
      `SELECT ${GROUP_KEYS[groupBy]} AS key, sum(attempts)::int AS attempts, sum(answered)::int AS answered, sum(seconds)::bigint AS seconds,
              sum(revenue_base)::text AS revenue, sum(cost_base)::text AS cost
         FROM rating.traffic_hourly WHERE hour >= $1 AND hour < $2 AND (role = 'CUSTOMER' OR $3)
        GROUP BY 1 ORDER BY 1`,
      [from, to, groupBy === "PARTNER"],
    )) as Array<{ key: string; attempts: number; answered: number; seconds: string; revenue: string; cost: string }>;
    return rows.map((r) => {
      const counts = { attempts: r.attempts, answered: r.answered, seconds: Number(r.seconds) };
      return {
        key: r.key,
        attempts: r.attempts,
        answered: r.answered,
        minutes: minutesOf(counts.seconds),
        asr: answerSeizureRatio(counts),
        acd: averageCallDuration(counts),
        revenue: new Decimal(r.revenue),
        cost: new Decimal(r.cost),
        margin: marginOf(r.revenue, r.cost)!,
      };
    });
  }

  async leakageReport(from: Date, to: Date): Promise<LeakageReport> {
    assertNoProblems(periodProblems(from, to));
    const unrated = (await this.dataSource.query(
      `SELECT split_part(unrated_reason, ':', 1) AS reason, count(*)::int AS calls, round(sum(duration) / 60.0, 2)::float AS minutes
         FROM rating.rated_cdr WHERE status = 'UNRATED' AND start_time >= $1 AND start_time < $2 GROUP BY 1 ORDER BY 2 DESC`,
      [from, to],
    )) as LeakageReport["unrated"];
    const [row] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE billable AND customer_id IS NOT NULL AND revenue = 0)::int AS zero,
              count(*) FILTER (WHERE revenue_base < cost_base)::int AS negative,
              coalesce(sum(cost_base - revenue_base) FILTER (WHERE revenue_base < cost_base), 0)::text AS lost
         FROM rating.rated_cdr WHERE status = 'RATED' AND start_time >= $1 AND start_time < $2`,
      [from, to],
    )) as Array<{ zero: number; negative: number; lost: string }>;
    return { unrated, answeredAtZero: row.zero, negativeMarginCalls: row.negative, negativeMargin: new Decimal(row.lost) };
  }
}
