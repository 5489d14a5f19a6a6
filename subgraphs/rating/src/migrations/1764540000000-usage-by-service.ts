import type { MigrationInterface, QueryRunner } from "typeorm";

const KEY = "partner_id, role, hour, destination, prefix, rate_version, rate, currency";
const columns = (alias: string) => KEY.split(", ").map((c) => `${alias}.${c}`).join(", ");

/**
 * Invoicing bills usage per service: VOICE by its seconds, SMS, MMS and DATA by their units (messages, KB). usage_hourly
 * gains the service in its key and the units rated. Hours whose calls are still stored are summed again from them, split
 * by service; rows whose calls are gone can only have been voice (the one service before this), whose units are seconds.
 */
export class UsageByService1764540000000 implements MigrationInterface {
  name = "UsageByService1764540000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE rating.usage_hourly ADD COLUMN service text, ADD COLUMN units bigint, DROP CONSTRAINT usage_hourly_pkey;
      INSERT INTO rating.usage_hourly (${KEY}, service, calls, seconds, units, amount, exact_amount)
      SELECT partner_id, role, date_trunc('hour', start_time, 'UTC'), coalesce(destination, 'UNKNOWN'), prefix, version, rate, currency, service,
             count(*), sum(duration), sum(units), sum(amount), sum(exact) FROM (
        SELECT customer_id AS partner_id, 'CUSTOMER' AS role, start_time, destination, customer_prefix AS prefix, customer_version AS version, customer_rate AS rate,
               revenue_currency AS currency, service, duration, units, revenue AS amount, revenue_exact AS exact FROM rating.rated_cdr WHERE status = 'RATED' AND billable AND customer_id IS NOT NULL
        UNION ALL SELECT vendor_id, 'VENDOR', start_time, destination, vendor_prefix, vendor_version, vendor_rate, cost_currency, service, duration, units, cost, cost_exact
          FROM rating.rated_cdr WHERE status = 'RATED' AND billable AND vendor_id IS NOT NULL) legs
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
      DELETE FROM rating.usage_hourly u WHERE u.service IS NULL AND EXISTS (SELECT 1 FROM rating.usage_hourly s WHERE s.service IS NOT NULL AND (${columns("s")}) = (${columns("u")}));
      UPDATE rating.usage_hourly SET service = 'VOICE', units = seconds WHERE service IS NULL;
      ALTER TABLE rating.usage_hourly ALTER COLUMN service SET NOT NULL, ALTER COLUMN units SET NOT NULL, ADD PRIMARY KEY (${KEY}, service);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TEMP TABLE usage_hourly_merged AS
        SELECT ${KEY}, sum(calls) AS calls, sum(seconds) AS seconds, sum(amount) AS amount, sum(exact_amount) AS exact_amount FROM rating.usage_hourly GROUP BY ${KEY};
      TRUNCATE rating.usage_hourly;
      ALTER TABLE rating.usage_hourly DROP CONSTRAINT usage_hourly_pkey, DROP COLUMN service, DROP COLUMN units;
      INSERT INTO rating.usage_hourly (${KEY}, calls, seconds, amount, exact_amount) SELECT * FROM usage_hourly_merged;
      DROP TABLE usage_hourly_merged;
      ALTER TABLE rating.usage_hourly ADD PRIMARY KEY (${KEY});`);
  }
}
