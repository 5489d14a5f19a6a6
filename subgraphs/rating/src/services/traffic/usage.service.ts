import type { DataSource } from "typeorm";
import { assertNoProblems, Decimal, PartnerScope, type Principal } from "@intersettle/shared";
import { LEG_COLUMNS } from "../mediation/cdr-chunk-writer";
import { minutesOf } from "../../domain/traffic/traffic-figures";
import { periodProblems } from "../../domain/traffic/report-period";
import type { RatedService } from "@intersettle/shared";

export interface UsageRow {
  service: RatedService;
  destination: string;
  prefix: string;
  rate: string;
  version: number;
  currency: string;
  calls: number;
  seconds: number;
  units: number;
  amount: string;
  exact: string;
}

/** A usage row as invoicing reads it: money as decimals; VOICE billed by its seconds, the other services by their units. */
export interface UsageLine {
  service: RatedService;
  destination: string;
  prefix: string;
  rate: Decimal;
  rateVersion: number;
  currency: string;
  calls: number;
  seconds: number;
  units: number;
  minutes: number;
  amount: Decimal;
  exactAmount: Decimal;
}

const HOUR_MS = 3_600_000;

/**
 * A partner's billable usage in a period by service, destination and rate, for invoicing. Whole hours come from
 * usage_hourly; a period starting or ending mid-hour (a partner's midnight in a half-hour zone) takes the
 * part-hours from the calls themselves, found on rated_cdr's time-ordered key.
 */
export class UsageService {
  constructor(private readonly dataSource: DataSource) {}

  /** What a partner was billed (CUSTOMER) or paid (VENDOR) in [from, to); a partner asks for its own usage only. */
  async lines(principal: Principal, partnerId: string, role: keyof typeof LEG_COLUMNS, from: Date, to: Date): Promise<UsageLine[]> {
    PartnerScope.of(principal).partnerFilter(partnerId);
    assertNoProblems(periodProblems(from, to));
    const rows = await this.summary(partnerId, role, from, to);
    return rows.map((r) => ({
      service: r.service, destination: r.destination, prefix: r.prefix, rate: new Decimal(r.rate), rateVersion: r.version, currency: r.currency,
      calls: r.calls, seconds: r.seconds, units: r.units, minutes: minutesOf(r.seconds), amount: new Decimal(r.amount), exactAmount: new Decimal(r.exact),
    }));
  }

  async summary(partnerId: string, role: keyof typeof LEG_COLUMNS, from: Date, to: Date): Promise<UsageRow[]> {
    const leg = LEG_COLUMNS[role];
    let wholeFrom = Math.ceil(from.getTime() / HOUR_MS) * HOUR_MS;
    let wholeTo = Math.floor(to.getTime() / HOUR_MS) * HOUR_MS;
    // No whole hour inside: every call comes from rated_cdr ([from, to) and the empty [to, to)).
    if (wholeFrom >= wholeTo) wholeFrom = wholeTo = to.getTime();
    return (await this.dataSource.query(
      `SELECT service, destination, prefix, rate::text AS rate, version, currency, sum(calls)::int AS calls, sum(seconds)::bigint AS seconds, sum(units)::bigint AS units,
              sum(amount)::text AS amount, sum(exact)::text AS exact
         FROM (SELECT service, destination, prefix, rate, rate_version AS version, currency, calls, seconds, units, amount, exact_amount AS exact
                 FROM rating.usage_hourly WHERE partner_id = $1 AND role = $2 AND hour >= $4 AND hour < $5
               UNION ALL
               SELECT service, coalesce(destination, 'UNKNOWN'), ${leg.prefix}, ${leg.rate}, ${leg.version}, ${leg.currency}, 1, duration, units, ${leg.amount}, ${leg.exact}
                 FROM rating.rated_cdr
                WHERE ((start_time >= $3 AND start_time < $4) OR (start_time >= $5 AND start_time < $6))
                  AND ${leg.partner} = $1 AND status = 'RATED' AND billable) usage
        GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(calls) > 0 ORDER BY 2, 1, 3, 4, 5`,
      [partnerId, role, from, new Date(wholeFrom), new Date(wholeTo), to],
    )).map((r: UsageRow & { seconds: string; units: string }) => ({ ...r, seconds: Number(r.seconds), units: Number(r.units) }));
  }
}
